package org.mailtrail.matcher.directory.messaging;

import java.util.List;
import java.util.function.Consumer;

import org.mailtrail.events.directory.ContactUpserted;
import org.mailtrail.events.directory.SalespersonUpserted;
import org.mailtrail.matcher.directory.domain.Contact;
import org.mailtrail.matcher.directory.domain.DirectoryService;
import org.mailtrail.matcher.directory.domain.Salesperson;
import org.mailtrail.platform.messaging.ContractMessages;
import org.mailtrail.platform.messaging.KafkaRecords;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
class DirectoryFunctions {

    /** Mirrors {@code directory.contacts.v1}; a tombstone deletes the contact. */
    @Bean
    Consumer<Message<?>> projectContact(ContractMessages messages, DirectoryService directory) {
        return message -> {
            if (KafkaRecords.isTombstone(message)) {
                directory.deleteContact(KafkaRecords.key(message));
                return;
            }
            ContactUpserted upserted = messages.decode(KafkaRecords.withValue(message), ContactUpserted.class);
            directory.upsertContacts(List.of(new Contact(upserted.contactId(), upserted.name(), upserted.type(),
                    upserted.companyId(), upserted.companyName(), upserted.email(), upserted.alternateEmails(),
                    upserted.privacyBlocked())));
        };
    }

    /** Mirrors {@code directory.salespeople.v1}; a tombstone deletes the salesperson. */
    @Bean
    Consumer<Message<?>> projectSalesperson(ContractMessages messages, DirectoryService directory) {
        return message -> {
            if (KafkaRecords.isTombstone(message)) {
                directory.deleteSalesperson(KafkaRecords.key(message));
                return;
            }
            SalespersonUpserted upserted = messages.decode(KafkaRecords.withValue(message),
                    SalespersonUpserted.class);
            directory.upsertSalespeople(List.of(new Salesperson(upserted.salespersonCode(), upserted.name(),
                    upserted.emails())));
        };
    }
}
