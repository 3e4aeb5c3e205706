/**
 * How the ingestor talks to Microsoft Graph: the real SDK over one shared HTTP client with the platform's Graph
 * TLS trust, access tokens from config-service's token broker, and a gate per mailbox that keeps every request
 * for that mailbox inside Outlook's limits (concurrency, request budget, Retry-After).
 */
package org.mailtrail.ingestor.graph;
