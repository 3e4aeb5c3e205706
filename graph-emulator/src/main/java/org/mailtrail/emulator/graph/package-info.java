/**
 * The path every Graph request takes: bearer token, route, mailbox access, injected faults, throttling, the
 * handler, counters; and {@code $batch}, whose items take the same path one by one.
 */
package org.mailtrail.emulator.graph;
