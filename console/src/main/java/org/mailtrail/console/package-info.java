/**
 * mailtrail's console: the pages salespeople, sales managers and admins use, rendered on the server over the
 * services' APIs, which it calls with the signed-in person's own token so that every rule of who may see what stays
 * with the services.
 */
package org.mailtrail.console;
