package org.mailtrail.ingestor.imap.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.angus.mail.imap.protocol.BODYSTRUCTURE;

/**
 * The leaves of a mail's BODYSTRUCTURE with their IMAP section numbers (RFC 3501 6.4.5), read without fetching a
 * byte of the body: what the preview reads, and whether the mail has attachments.
 */
final class MailParts {

    /** One leaf: its section ("1", "2.1"), type, transfer encoding, charset, disposition and file name. */
    record Leaf(String section, String type, String encoding, String charset, String disposition, String fileName,
            int size) {

        boolean is(String mimeType) {
            return type.equals(mimeType);
        }

        boolean attachment() {
            if ("attachment".equals(disposition)) {
                return true;
            }
            boolean text = type.startsWith("text/");
            return !text && fileName != null;
        }

        /** A body part a person reads: text, not marked as an attachment. */
        boolean readable(String mimeType) {
            return is(mimeType) && !"attachment".equals(disposition);
        }
    }

    /** A mail whose structure is not known: no parts, no attachments. */
    static final MailParts NONE = new MailParts(List.of());

    private final List<Leaf> leaves;

    private MailParts(List<Leaf> leaves) {
        this.leaves = leaves;
    }

    static MailParts of(BODYSTRUCTURE structure) {
        List<Leaf> leaves = new ArrayList<>();
        walk(structure, "", leaves);
        return new MailParts(List.copyOf(leaves));
    }

    List<Leaf> leaves() {
        return leaves;
    }

    boolean hasAttachments() {
        return leaves.stream().anyMatch(Leaf::attachment);
    }

    /** The first text/plain part, else the first text/html one: what the preview is made of. */
    Optional<Leaf> previewPart() {
        Optional<Leaf> plain = leaves.stream().filter(l -> l.readable("text/plain")).findFirst();
        return plain.isPresent() ? plain : leaves.stream().filter(l -> l.readable("text/html")).findFirst();
    }

    private static void walk(BODYSTRUCTURE part, String section, List<Leaf> leaves) {
        if (part.isMulti()) {
            for (int i = 0; i < part.bodies.length; i++) {
                walk(part.bodies[i], section.isEmpty() ? Integer.toString(i + 1) : section + "." + (i + 1), leaves);
            }
            return;
        }
        String type = (lower(part.type, "text") + "/" + lower(part.subtype, "plain"));
        String fileName = part.dParams == null ? null : part.dParams.get("filename");
        if (fileName == null && part.cParams != null) {
            fileName = part.cParams.get("name");
        }
        leaves.add(new Leaf(section.isEmpty() ? "1" : section, type, lower(part.encoding, "7bit"),
                part.cParams == null ? null : part.cParams.get("charset"), part.disposition == null ? null
                        : part.disposition.toLowerCase(Locale.ROOT), fileName, Math.max(0, part.size)));
    }

    private static String lower(String value, String otherwise) {
        return value == null ? otherwise : value.toLowerCase(Locale.ROOT);
    }
}
