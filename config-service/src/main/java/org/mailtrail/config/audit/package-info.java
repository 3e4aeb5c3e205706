/** Who changed what and when: every change to a connection or a secret, without the values of secrets. */
package org.mailtrail.config.audit;
