package org.mailtrail.config.issuer.domain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Reads the issuer's JSON files strictly: a field the format does not know is refused, not ignored. */
final class IssuerFiles {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private IssuerFiles() {
    }

    static <T> List<T> read(String what, Path file, Class<T[]> type) {
        if (file == null) {
            throw new IssuerSetupException("the issuer has no " + what + " file",
                    "Set MAILTRAIL_ISSUER_" + what.toUpperCase() + "_FILE to a JSON file; config-service's README "
                            + "describes its format.");
        }
        try {
            T[] entries = JSON.readValue(Files.readString(file), type);
            return entries == null ? List.of() : List.of(entries);
        } catch (IOException e) {
            throw IssuerSetupException.invalidFile(what, file, "it cannot be read (" + e.getClass().getSimpleName() + ")");
        } catch (JacksonException e) {
            // The original message names the field at fault without quoting the file, which holds password hashes.
            throw IssuerSetupException.invalidFile(what, file, "it is not a JSON array of " + what + " ("
                    + e.getOriginalMessage() + ")");
        }
    }

    /** A DelegatingPasswordEncoder value: {@code {bcrypt}$2a$...}. */
    static boolean isEncoderHash(String hash) {
        return hash != null && hash.startsWith("{") && hash.indexOf('}') > 1 && hash.indexOf('}') < hash.length() - 1;
    }
}
