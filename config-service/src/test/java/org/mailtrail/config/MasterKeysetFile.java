package org.mailtrail.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.mailtrail.config.secret.domain.MasterKeysets;

/** A master keyset file as an operator would mount it, which a test can rotate like the operator would. */
final class MasterKeysetFile {

    private final Path file;

    private MasterKeysetFile(Path file) {
        this.file = file;
    }

    static MasterKeysetFile generated() {
        try {
            Path file = Files.createTempFile("master-keyset", ".json");
            file.toFile().deleteOnExit();
            Files.writeString(file, MasterKeysets.generate());
            return new MasterKeysetFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path path() {
        return file;
    }

    /** Adds a new primary key, keeping the old ones; answers the new primary key id. */
    int rotate() {
        try {
            String rotated = MasterKeysets.rotate(Files.readString(file));
            Files.writeString(file, rotated);
            return MasterKeysets.primaryKeyId(rotated);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The keyset as the file holds it now. */
    String text() {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts other content in the file, as an operator changing the mounted Secret would. */
    void replaceWith(String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int primaryKeyId() {
        try {
            return MasterKeysets.primaryKeyId(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
