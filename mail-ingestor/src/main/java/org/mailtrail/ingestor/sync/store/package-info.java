/** Where each connection's delta sync stands: the next page or the next round's link. */
package org.mailtrail.ingestor.sync.store;
