/** {@code POST /graph/notifications} and {@code POST /graph/lifecycle}. */
package org.mailtrail.ingestor.webhook.web;
