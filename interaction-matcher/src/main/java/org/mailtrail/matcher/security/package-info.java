/**
 * Who may call what: salespeople and sales managers read the log (a salesperson its own), the directory importer
 * and the admin change the directory, the admin reads the ledger, mail-ingestor's peers nothing here; anyone signed
 * in may ask who it is to mailtrail.
 */
package org.mailtrail.matcher.security;
