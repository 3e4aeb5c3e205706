/**
 * Where per-mailbox work runs: a pool of threads for each mailbox's blocking work (so one mailbox waiting out a
 * Retry-After never holds up another), and single-flight runners that fold a burst of triggers into a few runs.
 * What is due later is scheduled on the platform's {@code Timers}, which only trigger work here.
 */
package org.mailtrail.ingestor.work;
