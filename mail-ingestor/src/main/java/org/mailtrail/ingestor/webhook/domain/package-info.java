/** Reading a notification delivery, checking it, and handing accepted notifications to sync and subscriptions. */
package org.mailtrail.ingestor.webhook.domain;
