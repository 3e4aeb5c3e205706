package org.mailtrail.opportunity;

import java.time.Instant;
import java.util.UUID;

import org.mailtrail.events.EventIds;
import org.mailtrail.events.interaction.Direction;
import org.mailtrail.events.interaction.InteractionLogged;
import org.mailtrail.events.interaction.MatchedBy;

/** InteractionLogged events as the matcher publishes them; each builder starts a new interaction. */
public final class InteractionLoggedBuilder {

    private String interactionId = UUID.randomUUID().toString();
    private String contactId = "CT000123";
    private String companyId = "CT000100";
    private String salespersonCode = "AB";
    private String description = "Quote for 40 units, delivery in Q1";

    public static InteractionLoggedBuilder anInteraction() {
        return new InteractionLoggedBuilder();
    }

    public InteractionLoggedBuilder withContact(String contactId, String companyId) {
        this.contactId = contactId;
        this.companyId = companyId;
        return this;
    }

    public InteractionLoggedBuilder withSalesperson(String salespersonCode) {
        this.salespersonCode = salespersonCode;
        return this;
    }

    public InteractionLoggedBuilder withSubject(String description) {
        this.description = description;
        return this;
    }

    public InteractionLogged build() {
        String internetMessageId = "<" + interactionId + "@fabrikam.com>";
        return new InteractionLogged(EventIds.of(InteractionLogged.TYPE, interactionId), Instant.now(), 1,
                interactionId, contactId, companyId, salespersonCode, "contoso-sales", internetMessageId,
                "AAQkAGI2TG93AAA=", Direction.OUTBOUND, Instant.parse("2026-11-27T09:14:58Z"), description,
                MatchedBy.PRIMARY, "lars.holm@fabrikam.com", false, null);
    }
}
