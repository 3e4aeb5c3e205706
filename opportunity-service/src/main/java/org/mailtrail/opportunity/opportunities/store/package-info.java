/** Opportunities and their number series in MongoDB. */
package org.mailtrail.opportunity.opportunities.store;
