/**
 * The log in MongoDB: {@code messages} (one per mail, with the rules' decision) and
 * {@code interactions} (one per mail, contact and salesperson, unique by a deterministic id).
 */
package org.mailtrail.matcher.log.store;
