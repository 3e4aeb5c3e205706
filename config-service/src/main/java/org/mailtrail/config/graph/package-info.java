/**
 * How the service reaches Microsoft Graph and Entra: HTTP clients built with the platform's Graph trust (the JVM's
 * CAs, plus e.g. the graph-emulator's certificate), Graph scopes per cloud, and the OAuth 2.0 token endpoint for
 * the delegated grant.
 */
package org.mailtrail.config.graph;
