package org.mailtrail.console.services;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.mailtrail.platform.problem.FieldProblem;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.validation.constraints.Size;

/**
 * A connection's settings as the setup and edit pages send them: text as typed, lists one entry a line, check boxes
 * absent when cleared. config-service validates the settings themselves; this form only bounds what it carries and
 * refuses what could not even be sent (an auth mode that is neither of the two, a list too long).
 *
 * @param id the wanted id, on create only
 * @param clientSecret the client secret's value; never shown on a page again
 * @param clientSecretRef instead of the secret: where it is kept ({@code env:}, {@code file:}, {@code keyvault:})
 * @param redirectUrl config-service's consent callback, sent for DELEGATED connections only
 * @param notificationUrl sent for APPLICATION connections only (DELEGATED ones poll)
 * @param holdRetention how long mail is held: a number of days, or an ISO-8601 duration for what is no whole day
 * @param revision on edit: the revision the page showed, which the change must replace
 */
public record ConnectionForm(
        @Size(max = 64, message = "must be at most 64 characters") String id,
        @Size(max = 200, message = "must be at most 200 characters") String displayName,
        @Size(max = 253, message = "must be at most 253 characters") String tenantId,
        @Size(max = 100, message = "must be at most 100 characters") String clientId,
        @Size(max = 1024, message = "must be at most 1024 characters") String clientSecret,
        @Size(max = 2000, message = "must be at most 2000 characters") String clientSecretRef,
        @Size(max = 20, message = "must be Application or Delegated") String authMode,
        @Size(max = 320, message = "must be at most 320 characters") String mailbox,
        @Size(max = 255, message = "must be at most 255 characters") String sourceFolder,
        @Size(max = 255, message = "must be at most 255 characters") String archiveFolder,
        @Size(max = 20, message = "must be one of the choices offered") String unmatchedPolicy,
        @Size(max = 30, message = "must be one of the choices offered") String deleteMode,
        @Size(max = 10_000, message = "must be at most 10,000 characters") String internalDomains,
        @Size(max = 2000, message = "must be at most 2000 characters") String graphBaseUrl,
        @Size(max = 2000, message = "must be at most 2000 characters") String authorityHost,
        @Size(max = 2000, message = "must be at most 2000 characters") String notificationUrl,
        @Size(max = 30, message = "must be at most 30 characters") String pollInterval,
        @Size(max = 2000, message = "must be at most 2000 characters") String redirectUrl,
        Boolean domainFallback,
        @Size(max = 15_000, message = "must be at most 15,000 characters") String freeMailDomains,
        Boolean blocklist,
        @Size(max = 15_000, message = "must be at most 15,000 characters") String blockedAddresses,
        @Size(max = 15_000, message = "must be at most 15,000 characters") String blockedDomains,
        Boolean privacyBlocking,
        Boolean holdEnabled,
        @Size(max = 100, message = "must be at most 100 characters") String holdFolder,
        @Size(max = 30, message = "must be at most 30 characters") String holdRetention,
        @Size(max = 20, message = "must be one of the choices offered") String copies,
        Long revision) {

    /** config-service takes at most this many internal domains. */
    public static final int MAX_INTERNAL_DOMAINS = 100;
    public static final int MAX_LIST_ENTRIES = 500;
    /** config-service holds mail for at most ten years. */
    public static final int MAX_HOLD_DAYS = 3650;

    private static final Set<String> AUTH_MODES = Set.of(Connection.APPLICATION, Connection.DELEGATED);
    private static final Set<String> UNMATCHED_POLICIES = Set.of("DELETE", "LEAVE");
    private static final Set<String> DELETE_MODES = Set.of("MOVE_TO_DELETED_ITEMS", "SOFT_DELETE", "PERMANENT_DELETE");
    private static final Set<String> COPIES = Set.of(Connection.COPIES_LIKE_FIRST, Connection.COPIES_DELETE);
    private static final Pattern DAYS = Pattern.compile("\\d{1,9}");

    /** config-service's names of the hold settings, and the fields of this form that hold them. */
    private static final Map<String, String> HOLD_FIELDS = Map.of("hold", "holdEnabled", "hold.enabled",
            "holdEnabled", "hold.folder", "holdFolder", "hold.retention", "holdRetention");

    /** What each field is called on the page, in the page's order, for the list of errors above the form. */
    private static final Map<String, String> LABELS = labels();
    private static final List<String> ORDER = List.copyOf(LABELS.keySet());

    /** The form of an existing connection; the secret stays with config-service. */
    public static ConnectionForm of(Connection connection) {
        Connection.Matching matching = connection.matching();
        return new ConnectionForm(connection.id(), connection.displayName(), connection.tenantId(),
                connection.clientId(), null, null, connection.authMode(), connection.mailbox(),
                connection.sourceFolder(), connection.archiveFolder(), connection.unmatchedPolicy(),
                connection.deleteMode(), lines(connection.internalDomains()), connection.graphBaseUrl(),
                connection.authorityHost(), connection.notificationUrl(), connection.pollInterval(),
                connection.redirectUrl(), matching.domainFallback(), lines(matching.freeMailDomains()),
                matching.blocklist(), lines(matching.blockedAddresses()), lines(matching.blockedDomains()),
                matching.privacyBlocking(), connection.hold().enabled(), connection.hold().folder(),
                retention(connection.hold()), connection.copies(), connection.revision());
    }

    /** The same form with no secret in it, to be shown on a page again. */
    public ConnectionForm withoutSecret() {
        return new ConnectionForm(id, displayName, tenantId, clientId, null, clientSecretRef, authMode, mailbox,
                sourceFolder, archiveFolder, unmatchedPolicy, deleteMode, internalDomains, graphBaseUrl,
                authorityHost, notificationUrl, pollInterval, redirectUrl, domainFallback, freeMailDomains, blocklist,
                blockedAddresses, blockedDomains, privacyBlocking, holdEnabled, holdFolder, holdRetention, copies,
                revision);
    }

    public boolean hasSecret() {
        return present(clientSecret);
    }

    public boolean delegated() {
        return Connection.DELEGATED.equals(authMode);
    }

    /**
     * What cannot be sent as it is, each with the reason. On create an APPLICATION connection needs its secret:
     * client credentials are nothing without one (a DELEGATED app may be a public client).
     */
    public List<FieldProblem> problems(boolean creating) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!AUTH_MODES.contains(authMode)) {
            problems.add(new FieldProblem("authMode", "choose Application or Delegated permissions"));
        }
        if (present(unmatchedPolicy) && !UNMATCHED_POLICIES.contains(unmatchedPolicy)) {
            problems.add(new FieldProblem("unmatchedPolicy", "must be one of the choices offered"));
        }
        if (present(deleteMode) && !DELETE_MODES.contains(deleteMode)) {
            problems.add(new FieldProblem("deleteMode", "must be one of the choices offered"));
        }
        if (present(clientSecret) && present(clientSecretRef)) {
            problems.add(new FieldProblem("clientSecretRef",
                    "give either the secret or where it is kept, not both"));
        } else if (creating && Connection.APPLICATION.equals(authMode) && !present(clientSecret)
                && !present(clientSecretRef)) {
            problems.add(new FieldProblem("clientSecret", "is required with application permissions: the Value of "
                    + "a client secret of the app registration, or where it is kept"));
        }
        if (present(copies) && !COPIES.contains(copies)) {
            problems.add(new FieldProblem("copies", "must be one of the choices offered"));
        }
        if (present(holdRetention) && !isoDuration(holdRetention)) {
            Integer days = days(holdRetention);
            if (days == null || days < 1 || days > MAX_HOLD_DAYS) {
                problems.add(new FieldProblem("holdRetention", "must be a number of days from 1 to " + MAX_HOLD_DAYS));
            }
        }
        tooMany(problems, "internalDomains", internalDomains, MAX_INTERNAL_DOMAINS, "domains");
        tooMany(problems, "freeMailDomains", freeMailDomains, MAX_LIST_ENTRIES, "domains");
        tooMany(problems, "blockedAddresses", blockedAddresses, MAX_LIST_ENTRIES, "addresses");
        tooMany(problems, "blockedDomains", blockedDomains, MAX_LIST_ENTRIES, "domains");
        return problems;
    }

    /** The request body config-service takes; blanks are left out so that its defaults apply. */
    Request toRequest(boolean creating) {
        boolean delegatedMode = delegated();
        List<String> domains = entries(internalDomains);
        return new Request(creating ? blankToNull(id) : null, trimmed(displayName), blankToNull(tenantId),
                blankToNull(clientId), blankToNull(clientSecret), blankToNull(clientSecretRef), blankToNull(authMode),
                blankToNull(mailbox), blankToNull(sourceFolder), blankToNull(archiveFolder),
                blankToNull(unmatchedPolicy), blankToNull(deleteMode), domains.isEmpty() ? null : domains,
                blankToNull(graphBaseUrl), blankToNull(authorityHost),
                delegatedMode ? null : blankToNull(notificationUrl), blankToNull(pollInterval),
                delegatedMode ? blankToNull(redirectUrl) : null,
                new Request.Matching(Boolean.TRUE.equals(domainFallback), entries(freeMailDomains),
                        Boolean.TRUE.equals(blocklist), entries(blockedAddresses), entries(blockedDomains),
                        Boolean.TRUE.equals(privacyBlocking)),
                new Request.Hold(Boolean.TRUE.equals(holdEnabled), blankToNull(holdFolder),
                        retentionToSend(holdRetention)),
                blankToNull(copies));
    }

    /** What the page calls a field of this form; the name itself for one it does not know. */
    public static String label(String field) {
        return LABELS.getOrDefault(field, field);
    }

    /**
     * The field of this form that holds what config-service calls {@code serviceField} (which names a matching
     * option under {@code matching.}, a hold setting under {@code hold.}); the name itself for any other.
     */
    public static String fieldOf(String serviceField) {
        if (serviceField.startsWith("matching.")) {
            return serviceField.substring("matching.".length());
        }
        return HOLD_FIELDS.getOrDefault(serviceField, serviceField);
    }

    public static boolean isField(String field) {
        return LABELS.containsKey(field);
    }

    /** Where the field comes on the page, for listing errors in that order. */
    public static int position(String field) {
        int position = ORDER.indexOf(field);
        return position < 0 ? ORDER.size() : position;
    }

    /**
     * The entry at {@code index} of the list config-service was sent for {@code field}, to name it in an error;
     * null when there is none.
     */
    public String entry(String field, int index) {
        String text = switch (field) {
            case "internalDomains" -> internalDomains;
            case "freeMailDomains" -> freeMailDomains;
            case "blockedAddresses" -> blockedAddresses;
            case "blockedDomains" -> blockedDomains;
            default -> null;
        };
        List<String> values = entries(text);
        return index >= 0 && index < values.size() ? values.get(index) : null;
    }

    /** Lines, commas or blanks separate a list's entries; empty ones and repeats are dropped. */
    static List<String> entries(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("[\\s,;]+")).map(String::trim).filter(entry -> !entry.isEmpty())
                .map(entry -> entry.toLowerCase(Locale.ROOT)).distinct().toList();
    }

    /** The retention as the form shows it: its days, or the ISO-8601 duration when it is no whole number of days. */
    private static String retention(Connection.Hold hold) {
        Long days = hold.retentionDays();
        return days == null ? hold.retention() : String.valueOf(days);
    }

    /** Days as config-service takes them (P30D); an ISO-8601 duration as it was typed. */
    private static String retentionToSend(String text) {
        if (!present(text)) {
            return null;
        }
        Integer days = days(text);
        return days == null ? text.trim() : "P" + days + "D";
    }

    private static Integer days(String text) {
        String trimmed = text.trim();
        return DAYS.matcher(trimmed).matches() ? Integer.valueOf(trimmed) : null;
    }

    private static boolean isoDuration(String text) {
        return text.trim().toUpperCase(Locale.ROOT).startsWith("P");
    }

    private static String lines(List<String> values) {
        return values == null ? "" : String.join("\n", values);
    }

    private static void tooMany(List<FieldProblem> problems, String field, String text, int max, String what) {
        int count = entries(text).size();
        if (count > max) {
            problems.add(new FieldProblem(field, "holds " + count + " " + what + "; at most " + max + " are taken"));
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String blankToNull(String value) {
        return present(value) ? value.trim() : null;
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }

    private static Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("displayName", "Name");
        labels.put("id", "Connection id");
        labels.put("tenantId", "Tenant id");
        labels.put("clientId", "Application (client) id");
        labels.put("authMode", "Permissions");
        labels.put("clientSecret", "Client secret");
        labels.put("clientSecretRef", "Where the secret is kept");
        labels.put("redirectUrl", "Redirect URL");
        labels.put("mailbox", "Mailbox");
        labels.put("sourceFolder", "Folder with new mail");
        labels.put("archiveFolder", "Archive folder");
        labels.put("internalDomains", "Internal domains");
        labels.put("unmatchedPolicy", "Mail that is not logged");
        labels.put("deleteMode", "How it is deleted");
        labels.put("holdEnabled", "Hold mail that is not logged yet");
        labels.put("holdFolder", "Hold folder");
        labels.put("holdRetention", "Days to hold it");
        labels.put("copies", "Further copies of a mail");
        labels.put("domainFallback", "Match by company domain");
        labels.put("freeMailDomains", "Free-mail domains");
        labels.put("blocklist", "Blocklist");
        labels.put("blockedAddresses", "Blocked addresses");
        labels.put("blockedDomains", "Blocked domains");
        labels.put("privacyBlocking", "Privacy blocking");
        labels.put("graphBaseUrl", "Microsoft Graph URL");
        labels.put("authorityHost", "Entra ID sign-in host");
        labels.put("notificationUrl", "Notification URL");
        labels.put("pollInterval", "Poll interval");
        return Collections.unmodifiableMap(labels);
    }

    /** Never the secret: a record's own toString would print it wherever the form is logged. */
    @Override
    public String toString() {
        return "ConnectionForm[id=" + id + ", displayName=" + displayName + ", tenantId=" + tenantId + ", clientId="
                + clientId + ", clientSecret=" + (hasSecret() ? "****" : "") + ", authMode=" + authMode
                + ", mailbox=" + mailbox + ", revision=" + revision + "]";
    }

    /** config-service's ConnectionRequest. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Request(String id, String displayName, String tenantId, String clientId, String clientSecret,
            String clientSecretRef, String authMode, String mailbox, String sourceFolder, String archiveFolder,
            String unmatchedPolicy, String deleteMode, List<String> internalDomains, String graphBaseUrl,
            String authorityHost, String notificationUrl, String pollInterval, String redirectUrl,
            Matching matching, Hold hold, String copies) {

        record Matching(boolean domainFallback, List<String> freeMailDomains, boolean blocklist,
                List<String> blockedAddresses, List<String> blockedDomains, boolean privacyBlocking) {
        }

        /** @param retention ISO-8601 (P30D) */
        @JsonInclude(JsonInclude.Include.NON_NULL)
        record Hold(boolean enabled, String folder, String retention) {
        }

        @Override
        public String toString() {
            return "Request[id=" + id + ", mailbox=" + mailbox + "]";
        }
    }
}
