package org.mailtrail.matcher.interactionlog.domain;

import org.mailtrail.matcher.ingestor.MailContent;

/** How an interaction's mail opens: a Graph mail at its link in Outlook on the web, an IMAP mail as its content. */
public sealed interface OpenedMail {

    /** @param webLink an http(s) link, never an {@code imap:} URL */
    record AtLink(String webLink) implements OpenedMail {
    }

    record AsContent(MailContent content) implements OpenedMail {
    }
}
