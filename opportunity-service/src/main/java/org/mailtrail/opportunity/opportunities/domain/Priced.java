package org.mailtrail.opportunity.opportunities.domain;

import java.math.BigDecimal;

/** Something with an amount of money: the amount means nothing without its currency. */
public interface Priced {

    BigDecimal estimatedValue();

    String currency();
}
