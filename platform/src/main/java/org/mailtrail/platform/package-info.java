/**
 * What every mailtrail service shares at run time: settings and beans that make a service
 * behave the same on real MongoDB and Kafka as on the embedded stand-ins of the local run.
 */
package org.mailtrail.platform;
