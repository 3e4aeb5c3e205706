/**
 * Where per-mailbox work runs: threads of its own for each mailbox's blocking work (so one mailbox waiting out a
 * Retry-After never holds up another), a timer for what is due later, and single-flight runners that fold a
 * burst of triggers into a few runs.
 */
package org.mailtrail.ingestor.work;
