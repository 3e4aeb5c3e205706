/**
 * The contact and salesperson directory: one service that the CRM's compacted topics and the
 * REST bulk import both go through, keeping MongoDB and the in-memory address index in step, and
 * every instance's index in step with what the others wrote.
 */
package org.mailtrail.matcher.directory;
