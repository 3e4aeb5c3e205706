/**
 * The log in MongoDB: {@code messages} (one per mail, with the rules' decision) and
 * {@code interactions} (one per mail, contact and salesperson, unique by a deterministic id), each
 * document with the events it still owes in its outbox.
 */
package org.mailtrail.matcher.interactionlog.store;
