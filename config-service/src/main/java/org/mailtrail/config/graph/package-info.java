/**
 * How the service reaches Microsoft Graph and Entra: HTTP clients with the trust the deployment asks for (the
 * public CAs, plus e.g. the graph-emulator's certificate), Graph scopes per cloud, and the OAuth 2.0 token
 * endpoint for the delegated grant.
 */
package org.mailtrail.config.graph;
