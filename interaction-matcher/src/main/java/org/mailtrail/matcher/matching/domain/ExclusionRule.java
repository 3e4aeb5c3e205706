package org.mailtrail.matcher.matching.domain;

/** The rule that kept a mail out of the log; the completeness ledger counts mails per rule. */
public enum ExclusionRule {
    DRAFT("a draft"),
    NO_SENDER("no sender"),
    NO_RECIPIENTS("no To or Cc recipient"),
    INTERNAL_ONLY("internal only: no external participant"),
    NO_CONTACT_RECIPIENT("a salesperson wrote to no contact"),
    CONTACT_TO_CONTACT("a contact wrote to no salesperson"),
    UNKNOWN_SENDER("the sender is neither a salesperson nor a contact"),
    BLOCKED("every match is on the connection's blocklist"),
    PRIVACY_BLOCKED("every matched contact is privacy blocked");

    private final String description;

    ExclusionRule(String description) {
        this.description = description;
    }

    /** In words an operator understands, e.g. in the disposition's reason. */
    public String description() {
        return description;
    }
}
