/** The subscription lifecycle and the check of a notification's subscription and clientState. */
package org.mailtrail.ingestor.subscription.domain;
