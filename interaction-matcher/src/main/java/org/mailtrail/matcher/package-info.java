/** interaction-matcher: matches mail against salespeople and contacts and keeps the interaction log. */
package org.mailtrail.matcher;
