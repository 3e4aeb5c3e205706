/**
 * The directory for administrators and directory importers: how big it is, and imports of contacts or salespeople
 * from a CSV file whose refused rows are shown against the lines they came from.
 */
package org.mailtrail.console.directory;
