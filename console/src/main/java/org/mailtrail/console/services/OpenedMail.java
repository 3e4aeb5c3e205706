package org.mailtrail.console.services;

import java.net.URI;

/** What "Open email" leads to: a Graph mail's link in Outlook on the web, or an IMAP mail's content. */
public sealed interface OpenedMail {

    /** @param webLink an http(s) link, for the person's browser to follow */
    record AtLink(URI webLink) implements OpenedMail {
    }

    record AsContent(MailContent content) implements OpenedMail {
    }
}
