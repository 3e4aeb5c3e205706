package org.mailtrail.emulator.subscription;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.mailtrail.emulator.http.ApiRequest;
import org.mailtrail.emulator.http.GraphException;
import org.mailtrail.emulator.mailbox.MailboxService;

/**
 * What a subscription with {@code includeResourceData} has beyond a basic one: the message properties its
 * notifications carry, named by the {@code $select} of its resource, and the certificate that encrypts them.
 *
 * @param select the selected properties, in Graph's spelling; {@code id} is never among them
 */
public record ResourceData(List<String> select, EncryptionCertificate certificate) {

    /** The query options Outlook names in its refusal; it accepts {@code $filter} and {@code $select}. */
    private static final List<String> REFUSED_OPTIONS = List.of("$top", "$skip", "$orderby", "$expand");
    private static final List<String> REFUSED_SELECT = List.of("body", "uniquebody");

    /**
     * Checks a rich subscription as Graph does: the certificate first, then the resource's query options, which
     * for Outlook messages must hold a {@code $select} and nothing Outlook refuses.
     *
     * @param operation {@code Create} or {@code Update}, as Outlook names it in its errors
     */
    static ResourceData of(String resource, String certificate, String certificateId, String operation) {
        EncryptionCertificate parsed = EncryptionCertificate.parse(certificate, certificateId);
        Map<String, String> options = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        int query = resource.indexOf('?');
        if (query >= 0) {
            options.putAll(ApiRequest.parseQuery(resource.substring(query + 1)));
        }
        for (String option : options.keySet()) {
            String name = option.toLowerCase(Locale.ROOT);
            if (REFUSED_OPTIONS.contains(name)) {
                throw outlookRefusal(operation);
            }
            if (!name.equals("$select")) {
                throw GraphException.badRequest("InvalidRequest", "The query option '" + option
                        + "' in a subscription resource is not emulated; a subscription with resource data takes $select only.");
            }
        }
        String select = options.get("$select");
        if (select == null || select.isBlank()) {
            throw new GraphException(400, "ExtensionError", "Operation: " + operation
                    + "; Exception: [Status Code: BadRequest; Reason: A subscription with resource data on messages must name the properties to include with $select in its resource Url.]");
        }
        for (String name : select.split(",")) {
            if (REFUSED_SELECT.contains(name.trim().toLowerCase(Locale.ROOT))) {
                throw outlookRefusal(operation);
            }
        }
        return new ResourceData(MailboxService.messageSelect(select), parsed);
    }

    /** Outlook's answer, word for word as a public report quotes it. */
    private static GraphException outlookRefusal(String operation) {
        return new GraphException(400, "ExtensionError", "Operation: " + operation
                + "; Exception: [Status Code: BadRequest; Reason: $top, $skip, $orderby, $select=body,uniqueBody and $expand other than singleValueExtendedProperties,multiValueExtendedProperties are not supported in subscription resource Url.]");
    }
}
