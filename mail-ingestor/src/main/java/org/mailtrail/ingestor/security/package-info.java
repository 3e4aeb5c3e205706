/**
 * Who may call what: Graph's notifications reach the webhook without a token (Graph sends none; each carries the
 * subscription's client state instead), and only the matcher, granted {@code messages.link}, may ask for a mail's
 * link.
 */
package org.mailtrail.ingestor.security;
