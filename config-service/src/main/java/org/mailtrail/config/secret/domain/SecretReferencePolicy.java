package org.mailtrail.config.secret.domain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which {@code env:} and {@code file:} references a connection may use: those starting with one of the prefixes
 * the operator allows, and never the service's own configuration ({@code MAILTRAIL_*} variables, the master
 * keyset file), whatever the prefixes say. Otherwise whoever may edit a connection could have any variable or
 * file of the service (the master keyset among them) sent to Entra as the connection's secret. A file counts by
 * where it really is, links followed. {@code keyvault:} references name a secret in a vault and are not limited.
 */
public final class SecretReferencePolicy {

    private final List<String> allowedPrefixes;
    private final Path masterKeysetFile;

    public SecretReferencePolicy(List<String> allowedPrefixes, Path masterKeysetFile) {
        this.allowedPrefixes = allowedPrefixes.stream().map(String::trim).filter(prefix -> !prefix.isEmpty()).toList();
        this.masterKeysetFile = masterKeysetFile;
    }

    /** Why the reference may not be used, or empty when it may. */
    public Optional<String> refusal(SecretReference reference) {
        if (reference instanceof SecretReference.KeyVault) {
            return Optional.empty();
        }
        if (reference instanceof SecretReference.Environment env
                && env.name().toUpperCase(Locale.ROOT).startsWith("MAILTRAIL_")) {
            return Optional.of("MAILTRAIL_* variables configure mailtrail itself and are never a connection's secret");
        }
        if (reference instanceof SecretReference.File file && isMasterKeyset(file.path())) {
            return Optional.of("the master keyset file is never a connection's secret");
        }
        if (!allowedPrefixes.stream().anyMatch(reference.text()::startsWith)) {
            return Optional.of("must start with " + (allowedPrefixes.isEmpty() ? "keyvault: (no env: or file: "
                    + "reference is allowed)" : "keyvault: or one of " + String.join(", ", allowedPrefixes))
                    + " (MAILTRAIL_SECRET_REFERENCES_ALLOWED)");
        }
        return Optional.empty();
    }

    /**
     * Why the file, where it really is once links are followed, may not be read; empty when it may (or when it
     * does not exist, which reading it then reports).
     */
    public Optional<String> refusalOfRealFile(SecretReference.File file) {
        Path real;
        try {
            real = file.path().toRealPath();
        } catch (IOException e) {
            return Optional.empty();
        }
        if (real.equals(file.path())) {
            return Optional.empty();
        }
        return refusal(new SecretReference.File(real)).map(reason -> "it links to " + real + ", which " + reason);
    }

    private boolean isMasterKeyset(Path path) {
        if (masterKeysetFile == null || masterKeysetFile.toString().isBlank()) {
            return false;
        }
        try {
            return path.equals(masterKeysetFile.toAbsolutePath().normalize())
                    || Files.exists(path) && Files.isSameFile(path, masterKeysetFile);
        } catch (IOException e) {
            return false;
        }
    }
}
