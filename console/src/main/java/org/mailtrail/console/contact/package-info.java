/**
 * A contact as salespeople and their managers look it up: its card from the directory and its timeline, the
 * interactions with it grouped by conversation, each one click from its mail or its opportunity.
 */
package org.mailtrail.console.contact;
