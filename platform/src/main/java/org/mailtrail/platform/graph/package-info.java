/**
 * Reaching Microsoft Graph and Entra: the one TLS trust every Graph and Entra HTTP client is built with, and the
 * mailbox permits every Graph-calling process shares to stay within Outlook's concurrent requests per mailbox.
 */
package org.mailtrail.platform.graph;
