package org.mailtrail.ingestor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** Notification key stores made as an operator makes them: PKCS12, with the JDK's keytool. */
public final class Keystores {

    /** The password of every key store the tests make, and of its entries. */
    public static final String PASSWORD = "notification-test-only";

    private Keystores() {
    }

    /**
     * Adds a key pair with a self-signed certificate to {@code keystore} (made if missing).
     *
     * @param started how long ago the certificate starts, in keytool's form ({@code -10d}); {@code null} for now
     */
    public static void add(Path keystore, String alias, int bits, String started) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-keyalg", "RSA", "-keysize", String.valueOf(bits), "-storetype", "PKCS12", "-alias", alias,
                "-dname", "CN=mailtrail-notifications", "-validity", "800",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (started != null) {
            command.addAll(List.of("-startdate", started));
        }
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Adds a certificate to a key store in use the way a rotation replaces the file: a copy is changed and moved into
     * its place at once, so a reader never sees half of it.
     */
    public static void rotate(Path keystore, String alias) {
        try {
            Path copy = Files.createTempFile(keystore.getParent(), "rotation", ".p12");
            Files.copy(keystore, copy, StandardCopyOption.REPLACE_EXISTING);
            add(copy, alias, 2048, null);
            Files.move(copy, keystore, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
