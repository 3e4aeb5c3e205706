/** The opportunity, what may be set on it, and which status may follow which. */
package org.mailtrail.opportunity.opportunities.domain;
