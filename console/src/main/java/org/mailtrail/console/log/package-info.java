/**
 * The interaction log as salespeople and their managers read it: filtered, paged, each entry's mail one click away,
 * and new entries announced while the page is open.
 */
package org.mailtrail.console.log;
