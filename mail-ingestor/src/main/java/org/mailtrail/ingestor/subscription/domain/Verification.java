package org.mailtrail.ingestor.subscription.domain;

/**
 * The check of one notification against the subscriptions the ingestor created.
 *
 * @param rich whether the subscription's notifications carry the mail, encrypted
 * @param tenantId the directory the subscription was made in, when it is known (the tokens of a rich notification
 *        must be issued by it)
 */
public record Verification(Outcome outcome, String connectionId, boolean rich, String tenantId) {

    /** The outcomes, also the {@code outcome} tag of {@code mailtrail.notifications.received}. */
    public enum Outcome {
        ACCEPTED("accepted"),
        UNKNOWN_SUBSCRIPTION("unknown_subscription"),
        INVALID_CLIENT_STATE("invalid_client_state"),
        /** The notification names another tenant than the one the subscription was made in. */
        WRONG_TENANT("wrong_tenant");

        private final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    public static Verification accepted(StoredSubscription subscription) {
        return new Verification(Outcome.ACCEPTED, subscription.connectionId(), subscription.rich(),
                subscription.tenantId());
    }

    public static Verification rejected(Outcome outcome) {
        return new Verification(outcome, null, false, null);
    }

    public boolean isAccepted() {
        return outcome == Outcome.ACCEPTED;
    }
}
