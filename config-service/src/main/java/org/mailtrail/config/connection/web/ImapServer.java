package org.mailtrail.config.connection.web;

import java.util.Locale;

import org.mailtrail.events.config.ImapAuth;
import org.mailtrail.events.config.ImapSecurity;
import org.mailtrail.events.config.ImapSettings;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An IMAP connection's server and account as the API takes and shows them; never the password. */
@Schema(name = "ImapServer", description = "Where an IMAP connection signs in, and as whom (kind IMAP only)")
public record ImapServer(
        @NotBlank(message = "is required: the IMAP server's host name, e.g. mail.contoso.com")
        @Size(max = 253, message = "must be at most 253 characters")
        @Pattern(regexp = HOST, message = "must be a host name such as mail.contoso.com or an IP address")
        @Schema(example = "mail.contoso.com") String host,
        @Min(value = 1, message = "must be a TCP port, 1 to 65535") @Max(value = 65535, message = "must be a TCP port, 1 to 65535")
        @Schema(description = "Absent: 993 for TLS, 143 for STARTTLS", example = "993") Integer port,
        @Schema(defaultValue = "TLS", description = "TLS from the first byte (IMAPS), or STARTTLS, which the server must offer; never plaintext")
        ImapSecurity security,
        @NotBlank(message = "is required: the account to sign in as, e.g. CONTOSO\\\\crm-log or crm-log@contoso.com")
        @Size(max = 256, message = "must be at most 256 characters")
        @Schema(example = "crm-log@contoso.com") String username,
        @Schema(defaultValue = "PASSWORD", description = "PASSWORD (Exchange Server: the account's password) or XOAUTH2 (Exchange Online: an app token by client credentials)")
        ImapAuth auth) {

    /** A DNS name (labels of letters, digits and -), an IPv4 address, or an IPv6 address in brackets or not. */
    static final String HOST = "([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
            + "|\\[?[0-9A-Fa-f:.]+\\]?";

    static ImapServer of(ImapSettings settings) {
        return settings == null ? null : new ImapServer(settings.host(), settings.port(), settings.security(),
                settings.username(), settings.auth());
    }

    /** The effective authentication: its default when absent. */
    ImapAuth effectiveAuth() {
        return auth == null ? ImapAuth.PASSWORD : auth;
    }

    /** Host names compare without case; stored in lower case so that the password stays bound to one spelling. */
    ImapSettings toSettings() {
        return new ImapSettings(host.trim().toLowerCase(Locale.ROOT), port == null ? 0 : port, security,
                username.trim(), auth);
    }
}
