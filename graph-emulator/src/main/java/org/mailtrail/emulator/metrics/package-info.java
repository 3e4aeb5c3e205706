/**
 * What benchmarks and chaos tests read back: request counts by operation and status, throttle units per mailbox,
 * notification outcomes, and a bounded log of requests with the Retry-After each 429 carried.
 */
package org.mailtrail.emulator.metrics;
