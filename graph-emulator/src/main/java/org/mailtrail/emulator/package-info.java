/**
 * graph-emulator: a stateful stand-in for Microsoft Graph (mail, subscriptions, $batch) and the Entra token
 * endpoint, that the real SDKs talk to over HTTPS. Start one with {@link org.mailtrail.emulator.GraphEmulator#builder()},
 * the JUnit extension, or {@link org.mailtrail.emulator.GraphEmulatorMain} from the command line.
 */
package org.mailtrail.emulator;
