/**
 * The HTTP plumbing every feature shares: the HTTPS listener, the request and response values that also
 * carry the inner requests of a {@code $batch}, OData path and {@code Prefer} parsing, and Graph's error body.
 */
package org.mailtrail.emulator.http;
