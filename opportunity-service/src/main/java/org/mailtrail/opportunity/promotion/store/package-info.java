/** Promotions in MongoDB, keyed by command id; every outcome is a conditional write from PENDING. */
package org.mailtrail.opportunity.promotion.store;
