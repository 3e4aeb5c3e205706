/** JUnit 5 support: one emulator per test class (or per test), started and stopped around it. */
package org.mailtrail.emulator.junit;
