/**
 * Graph's Outlook throttling model per app and mailbox: a cap on concurrent requests and a request budget over a
 * sliding window, answered with 429 and Retry-After; plus the bookkeeping that spots clients retrying too early.
 */
package org.mailtrail.emulator.throttling;
