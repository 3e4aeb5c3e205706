package org.mailtrail.matcher.interactionlog.domain;

import java.util.Locale;

import org.mailtrail.events.config.ConnectionKind;

/**
 * Where an interaction's mail is read from, and so how a person opens it: a Graph mail in Outlook on the web through
 * its webLink, an IMAP mail through the matcher, which asks mail-ingestor for its content (an {@code imap:} URL is
 * no link a browser opens).
 */
public enum MailSource {
    GRAPH, IMAP;

    /**
     * The source of a mail: its stored link says where it is (an {@code imap:} URL, or Outlook's https link); a mail
     * without a link yet (or with one of neither kind) is its connection's kind, and a mail of a connection not
     * heard of is Graph's, as every mail was before IMAP.
     *
     * @param link the mail's stored link, absent before the ingestor reported on it
     * @param connectionKind the kind of the mail's connection, absent when the connection is not known
     */
    public static MailSource of(String link, ConnectionKind connectionKind) {
        String scheme = scheme(link);
        if ("imap".equals(scheme)) {
            return IMAP;
        }
        if (isWebLink(link)) {
            return GRAPH;
        }
        return connectionKind == ConnectionKind.IMAP ? IMAP : GRAPH;
    }

    /** Whether a browser opens the link: http or https only, so that nothing else is ever offered to click. */
    public static boolean isWebLink(String link) {
        String scheme = scheme(link);
        return "https".equals(scheme) || "http".equals(scheme);
    }

    private static String scheme(String link) {
        if (link == null) {
            return null;
        }
        int colon = link.indexOf(':');
        return colon <= 0 ? null : link.substring(0, colon).strip().toLowerCase(Locale.ROOT);
    }
}
