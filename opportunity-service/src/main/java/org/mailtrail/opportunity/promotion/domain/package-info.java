/** A promotion (one command and its outcome) and the rules that decide the outcome. */
package org.mailtrail.opportunity.promotion.domain;
