/** Contracts of the company directory, written by its CRM/ERP: contacts and salespeople. */
package org.mailtrail.events.directory;
