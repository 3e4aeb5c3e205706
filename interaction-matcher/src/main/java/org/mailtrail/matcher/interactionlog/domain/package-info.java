/**
 * The interaction log's rules and services: what becomes of a matched mail ({@link
 * org.mailtrail.matcher.interactionlog.domain.MailDecision}), the log's writes and reads, and the
 * deterministic ids and event shapes that make every repeat recognisable.
 */
package org.mailtrail.matcher.interactionlog.domain;
