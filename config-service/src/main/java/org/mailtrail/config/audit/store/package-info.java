/** The audit log in MongoDB, read newest first. */
package org.mailtrail.config.audit.store;
