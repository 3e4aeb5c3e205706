/**
 * The contracts between mailtrail's services and the enterprise services that subscribe to
 * them: one record per event or command, the topic names, and the JSON settings every
 * producer and consumer shares. Records only, no behaviour beyond what the contract itself states.
 */
package org.mailtrail.events;
