/** The log's identities, notes and event shapes: deterministic ids so that every repeat is recognisable. */
package org.mailtrail.matcher.log.domain;
