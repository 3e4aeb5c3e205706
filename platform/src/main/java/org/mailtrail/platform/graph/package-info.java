/** Reaching Microsoft Graph and Entra: the one TLS trust every Graph and Entra HTTP client is built with. */
package org.mailtrail.platform.graph;
