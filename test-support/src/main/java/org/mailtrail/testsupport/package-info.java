/**
 * Real infrastructure for tests behind one annotation, {@link org.mailtrail.testsupport.IntegrationTest}:
 * a Kafka broker and a MongoDB-protocol server, taken from the environment, from Testcontainers
 * when a Docker engine answers, or embedded in the test JVM — tests do not know which.
 */
package org.mailtrail.testsupport;
