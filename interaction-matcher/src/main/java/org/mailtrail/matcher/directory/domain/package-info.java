/**
 * The company's contacts and salespeople as the matcher knows them, the in-memory address index
 * every match is looked up in (pure Java), and {@link org.mailtrail.matcher.directory.domain.DirectoryService},
 * the one way into the directory for the CRM's topics and the REST import alike, which keeps every
 * instance's index in step with what all instances write to MongoDB.
 */
package org.mailtrail.matcher.directory.domain;
