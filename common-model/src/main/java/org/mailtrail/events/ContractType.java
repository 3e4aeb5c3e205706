package org.mailtrail.events;

/**
 * One message type of the contract: its record, its CloudEvents {@code type} (the {@code ce_type}
 * header subscribers route by) and the topic it travels on.
 */
public record ContractType(Class<? extends Contract> recordClass, String cloudEventType, String topic) {

    public String name() {
        return recordClass.getSimpleName();
    }
}
