package org.mailtrail.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.mailtrail.events.config.ConnectionConfigured;
import org.mailtrail.events.directory.ContactUpserted;
import org.mailtrail.events.directory.SalespersonUpserted;
import org.mailtrail.events.interaction.InteractionLinkedToOpportunity;
import org.mailtrail.events.interaction.InteractionLogged;
import org.mailtrail.events.interaction.InteractionLoggedLate;
import org.mailtrail.events.interaction.InteractionUnlinkedFromOpportunity;
import org.mailtrail.events.interaction.InteractionMessageLinkChanged;
import org.mailtrail.events.mail.MailArchived;
import org.mailtrail.events.mail.MailDeleted;
import org.mailtrail.events.mail.MailDispositionFailed;
import org.mailtrail.events.mail.MailDispositionRequested;
import org.mailtrail.events.mail.MailHeld;
import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.events.opportunity.OpportunityCreated;
import org.mailtrail.events.opportunity.OpportunityStatusChanged;
import org.mailtrail.events.opportunity.PromoteInteraction;
import org.mailtrail.events.opportunity.PromotionRejected;

/**
 * Every message type of the contract. A consumer of a topic that carries several types picks
 * the record by the {@code ce_type} header through {@link #byCloudEventType(String)}.
 */
public final class ContractTypes {

    public static final List<ContractType> ALL = List.of(
            new ContractType(ConnectionConfigured.class, ConnectionConfigured.TYPE, Topics.CONNECTIONS),
            new ContractType(MailReceived.class, MailReceived.TYPE, Topics.MAIL_RECEIVED),
            new ContractType(MailDispositionRequested.class, MailDispositionRequested.TYPE, Topics.MAIL_DISPOSITION),
            new ContractType(MailArchived.class, MailArchived.TYPE, Topics.MAIL_ARCHIVED),
            new ContractType(MailDeleted.class, MailDeleted.TYPE, Topics.MAIL_ARCHIVED),
            new ContractType(MailDispositionFailed.class, MailDispositionFailed.TYPE, Topics.MAIL_ARCHIVED),
            new ContractType(MailHeld.class, MailHeld.TYPE, Topics.MAIL_ARCHIVED),
            new ContractType(ContactUpserted.class, ContactUpserted.TYPE, Topics.DIRECTORY_CONTACTS),
            new ContractType(SalespersonUpserted.class, SalespersonUpserted.TYPE, Topics.DIRECTORY_SALESPEOPLE),
            new ContractType(InteractionLogged.class, InteractionLogged.TYPE, Topics.INTERACTION_EVENTS),
            new ContractType(InteractionLinkedToOpportunity.class, InteractionLinkedToOpportunity.TYPE,
                    Topics.INTERACTION_EVENTS),
            new ContractType(InteractionMessageLinkChanged.class, InteractionMessageLinkChanged.TYPE,
                    Topics.INTERACTION_EVENTS),
            new ContractType(InteractionLoggedLate.class, InteractionLoggedLate.TYPE, Topics.INTERACTION_EVENTS),
            new ContractType(InteractionUnlinkedFromOpportunity.class, InteractionUnlinkedFromOpportunity.TYPE,
                    Topics.INTERACTION_EVENTS),
            new ContractType(PromoteInteraction.class, PromoteInteraction.TYPE, Topics.OPPORTUNITY_COMMANDS),
            new ContractType(OpportunityCreated.class, OpportunityCreated.TYPE, Topics.OPPORTUNITY_EVENTS),
            new ContractType(PromotionRejected.class, PromotionRejected.TYPE, Topics.OPPORTUNITY_EVENTS),
            new ContractType(OpportunityStatusChanged.class, OpportunityStatusChanged.TYPE, Topics.OPPORTUNITY_EVENTS));

    private static final Map<String, ContractType> BY_CLOUD_EVENT_TYPE = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(ContractType::cloudEventType, Function.identity()));

    private static final Map<Class<?>, ContractType> BY_RECORD = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(ContractType::recordClass, Function.identity()));

    public static Optional<ContractType> byCloudEventType(String cloudEventType) {
        return Optional.ofNullable(BY_CLOUD_EVENT_TYPE.get(cloudEventType));
    }

    public static ContractType of(Class<? extends Contract> recordClass) {
        ContractType type = BY_RECORD.get(recordClass);
        if (type == null) {
            throw new IllegalArgumentException(recordClass.getName() + " is not a contract type");
        }
        return type;
    }

    private ContractTypes() {
    }
}
