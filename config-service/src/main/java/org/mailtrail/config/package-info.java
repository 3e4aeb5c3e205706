/** config-service: mailbox connections, their secrets, and the Graph access tokens other services ask it for. */
package org.mailtrail.config;
