/**
 * The company's contacts and salespeople as the matcher knows them, and the in-memory address
 * index every match is looked up in. Pure Java: no Spring, no store.
 */
package org.mailtrail.matcher.directory.domain;
