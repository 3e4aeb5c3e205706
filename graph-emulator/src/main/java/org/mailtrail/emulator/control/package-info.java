/**
 * Steering the emulator from tests, benchmarks and the command line: seeding, delivering mail, injecting faults,
 * poking subscriptions and reading counters, in Java ({@link org.mailtrail.emulator.control.EmulatorControl}) and
 * as JSON under {@code /emulator/...}.
 */
package org.mailtrail.emulator.control;
