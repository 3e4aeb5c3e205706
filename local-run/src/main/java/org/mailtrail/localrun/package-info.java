/**
 * mailtrail on one machine with nothing but a JDK: each piece (a Kafka broker from the Apache
 * Kafka jars, a MongoDB-protocol server with its data on disk, graph-emulator, the services) runs
 * as its own process under one supervisor that stops them all together.
 */
package org.mailtrail.localrun;
