package org.mailtrail.config.connection.web;

import java.time.Duration;

import org.mailtrail.events.config.HoldPolicy;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A connection's hold settings as the API takes and shows them. In a request, a field left out takes its default;
 * that the folder is neither the source nor the archive folder is checked with the other cross-field rules
 * ({@link ConsistentConnection}).
 */
@Schema(name = "Hold", description = "Whether mail that is not logged because the directory does not know one of "
        + "its people yet (an unknown sender, a contact writing to no salesperson, a salesperson writing to no contact) "
        + "is held in a folder of the mailbox, to be logged with its original time once the directory learns them; "
        + "after the retention the connection's unmatchedPolicy applies")
public record HoldSettings(
        @Schema(defaultValue = "true") Boolean enabled,
        @Size(max = MAX_FOLDER_LENGTH, message = "must be at most " + MAX_FOLDER_LENGTH + " characters")
        @Pattern(regexp = FOLDER, message = "must not be blank, nor begin or end with a space")
        @Schema(defaultValue = HoldPolicy.DEFAULT_FOLDER,
                description = "Display name of the hold folder, created at the top of the mailbox when missing; not the source or archive folder")
        String folder,
        @IsoDuration(min = "PT10S", max = "P3650D", message = "must be an ISO-8601 duration such as P30D or PT12H")
        @Schema(type = "string", defaultValue = "P30D", example = "P30D",
                description = "How long held mail waits for the directory, PT10S to P3650D")
        String retention) {

    static final int MAX_FOLDER_LENGTH = 100;
    /** Something other than white space, first and last; Unicode white space such as a no-break space counts. */
    static final String FOLDER = "(?sU)\\S(.*\\S)?";

    static HoldSettings of(HoldPolicy hold) {
        return new HoldSettings(hold.enabled(), hold.folder(), text(hold.retention()));
    }

    /** The folder as it will be stored: its default when absent. */
    String effectiveFolder() {
        return folder == null ? HoldPolicy.DEFAULT_FOLDER : folder;
    }

    HoldPolicy toPolicy() {
        return new HoldPolicy(enabled == null ? HoldPolicy.DEFAULT.enabled() : enabled, effectiveFolder(),
                retention == null ? HoldPolicy.DEFAULT_RETENTION : Duration.parse(retention));
    }

    /** {@code P30D} rather than {@link Duration}'s {@code PT720H}: retentions are mostly whole days. */
    private static String text(Duration duration) {
        boolean wholeDays = duration.getNano() == 0 && duration.toSeconds() % Duration.ofDays(1).toSeconds() == 0;
        return wholeDays ? "P" + duration.toDays() + "D" : duration.toString();
    }
}
