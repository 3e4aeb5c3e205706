package org.mailtrail.config.secret.domain;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The service's command line for master keysets, so operators need no other tool:
 * {@code generate-master-keyset} prints a new keyset, {@code rotate-master-keyset FILE} adds a new primary key to
 * the keyset in FILE (keeping the old keys so existing secrets still decrypt).
 */
public final class MasterKeysetCommand {

    public static final String GENERATE = "generate-master-keyset";
    public static final String ROTATE = "rotate-master-keyset";

    public static boolean handles(String[] args) {
        return args.length > 0 && (GENERATE.equals(args[0]) || ROTATE.equals(args[0]));
    }

    /** Runs the command and answers the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (GENERATE.equals(args[0]) && args.length == 1) {
            out.println(MasterKeysets.generate());
            return 0;
        }
        if (ROTATE.equals(args[0]) && args.length == 2) {
            return rotate(Path.of(args[1]), out, err);
        }
        err.println("usage: " + GENERATE + "  |  " + ROTATE + " <keyset-file>");
        return 2;
    }

    private static int rotate(Path file, PrintStream out, PrintStream err) {
        try {
            String rotated = MasterKeysets.rotate(Files.readString(file));
            // Written beside and moved into place: a service reading the file never sees half a keyset.
            Path partial = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".partial");
            Files.writeString(partial, rotated);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            out.println("new primary key id " + MasterKeysets.primaryKeyId(rotated) + " in " + file
                    + "; config-service takes it up within MAILTRAIL_MASTER_KEYSET_RELOAD_INTERVAL,"
                    + " then POST /api/secrets/re-encrypt");
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("cannot rotate " + file + ": " + e.getClass().getSimpleName());
            return 1;
        }
    }

    private MasterKeysetCommand() {
    }
}
