package org.mailtrail.localrun;

import java.nio.file.Path;

/**
 * What {@code ./mailtrail run} was asked for.
 *
 * @param demo     whether the demo runs: the emulator's demo connection, directory and mail
 * @param imapDemo whether the demo also goes through an IMAP connection to the local IMAP server
 * @param tenant   a real tenant's connection file instead of the emulator, or {@code null}
 */
record RunOptions(Path data, boolean demo, boolean imapDemo, Path tenant) {

    static final String USAGE = "usage: mailtrail run [--no-demo | --imap-demo] [--tenant connection.json] [--data DIR]";

    /** Reads the options; a bad one is an {@link IllegalArgumentException} that says what is wrong. */
    static RunOptions parse(Path root, String... args) {
        Path data = root.resolve("data");
        boolean demo = true;
        boolean imapDemo = false;
        Path tenant = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "run" -> { }
                case "--no-demo" -> demo = false;
                case "--imap-demo" -> imapDemo = true;
                case "--tenant" -> tenant = root.resolve(valueOf(args, ++i, "--tenant needs the connection file"));
                case "--data" -> data = root.resolve(valueOf(args, ++i, "--data needs a directory"));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (imapDemo && (!demo || tenant != null)) {
            throw new IllegalArgumentException(
                    "--imap-demo adds an IMAP connection to the demo: it goes with neither --no-demo nor --tenant");
        }
        // A real tenant has no demo data.
        return new RunOptions(data, demo && tenant == null, imapDemo, tenant);
    }

    private static String valueOf(String[] args, int i, String missing) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(missing);
        }
        return args[i];
    }
}
