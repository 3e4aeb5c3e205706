/** {@code POST /api/interactions/{id}/promotions} and {@code GET /api/promotions/{commandId}}. */
package org.mailtrail.opportunity.promotion.web;
