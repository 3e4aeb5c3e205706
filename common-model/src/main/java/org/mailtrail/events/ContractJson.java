package org.mailtrail.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON configuration every producer and consumer of mailtrail's topics shares:
 * instants as ISO-8601 strings in UTC, unknown properties ignored (the contracts evolve by
 * adding fields), nulls left out, and an absent number or flag read as 0 or false, so that a
 * field added later does not make older messages unreadable.
 */
public final class ContractJson {

    private static final JsonMapper MAPPER = configure(JsonMapper.builder()).build();

    /** Applies the shared settings to a builder, so that a framework's own mapper can share them. */
    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .changeDefaultPropertyInclusion(inclusion -> inclusion
                        .withValueInclusion(JsonInclude.Include.NON_NULL)
                        .withContentInclusion(JsonInclude.Include.NON_NULL));
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    private ContractJson() {
    }
}
