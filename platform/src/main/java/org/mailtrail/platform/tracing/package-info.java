/**
 * Tracing across HTTP, Kafka and the outbox: Micrometer Tracing on OpenTelemetry with W3C {@code traceparent},
 * spans exported over OTLP where a collector is configured, and the trace context carried by hand where the work
 * leaves the request or the record that started it (a stored outbox entry, a batch of records).
 */
package org.mailtrail.platform.tracing;
