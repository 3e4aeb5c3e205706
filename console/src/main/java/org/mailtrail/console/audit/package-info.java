/** The audit trail for administrators: who changed which connection or setting, and when, newest first. */
package org.mailtrail.console.audit;
