/** {@code /api/opportunities}: list, read and change opportunities. */
package org.mailtrail.opportunity.opportunities.web;
