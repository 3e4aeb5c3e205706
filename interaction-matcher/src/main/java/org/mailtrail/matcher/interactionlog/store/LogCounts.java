package org.mailtrail.matcher.interactionlog.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.bson.Document;
import org.mailtrail.matcher.interactionlog.domain.MailCounts;
import org.mailtrail.matcher.interactionlog.domain.MailOutcome;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.aggregation.AggregationOperation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Counts the log by connection; every count is one aggregation over a collection the log keeps anyway. */
@Component
public class LogCounts {

    private final MongoTemplate mongo;

    public LogCounts(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The counts of every connection that has received mail, or of the one named. */
    public Map<String, MailCounts> byConnection(String connectionId) {
        Map<String, Map<String, Long>> outcomes = count(MessageDocument.COLLECTION, connectionId, "outcome",
                "exclusionRule");
        Map<String, Map<String, Long>> states = count(MessageDocument.COLLECTION, connectionId, "state", null);
        Map<String, Map<String, Long>> interactions = count(InteractionDocument.COLLECTION, connectionId, null, null);
        Map<String, MailCounts> counts = new HashMap<>();
        String excludedPrefix = MailOutcome.EXCLUDED.name() + "/";
        outcomes.forEach((connection, byOutcome) -> {
            Map<String, Long> excludedByRule = new HashMap<>();
            byOutcome.forEach((key, count) -> {
                if (key.startsWith(excludedPrefix)) {
                    excludedByRule.put(key.substring(excludedPrefix.length()), count);
                }
            });
            counts.put(connection, new MailCounts(byOutcome.getOrDefault(MailOutcome.LOGGED.name(), 0L),
                    excludedByRule, states.getOrDefault(connection, Map.of()),
                    interactions.getOrDefault(connection, Map.of()).getOrDefault("", 0L)));
        });
        return counts;
    }

    /** Those of the mails (by key) that have been matched. */
    public Set<String> matched(Collection<String> mailKeys) {
        if (mailKeys.isEmpty()) {
            return Set.of();
        }
        Query matched = Query.query(Criteria.where("_id").in(mailKeys));
        matched.fields().include("_id");
        return mongo.find(matched, Document.class, MessageDocument.COLLECTION).stream()
                .map(document -> document.getString("_id")).collect(Collectors.toSet());
    }

    /**
     * Documents per connection, per value of {@code field} (and of {@code subField}, joined as
     * {@code value/subValue}); without a field, the key is the empty string.
     */
    private Map<String, Map<String, Long>> count(String collection, String connectionId, String field,
            String subField) {
        List<AggregationOperation> stages = new ArrayList<>();
        if (connectionId != null) {
            stages.add(Aggregation.match(Criteria.where("connectionId").is(connectionId)));
        }
        List<String> keys = new ArrayList<>(List.of("connectionId"));
        if (field != null) {
            keys.add(field);
        }
        if (subField != null) {
            keys.add(subField);
        }
        stages.add(Aggregation.group(keys.toArray(String[]::new)).count().as("n"));
        Map<String, Map<String, Long>> counts = new HashMap<>();
        for (Document row : mongo.aggregate(Aggregation.newAggregation(stages), collection, Document.class)) {
            Object id = row.get("_id");
            String connection;
            String key = "";
            if (id instanceof Document group) {
                connection = group.getString("connectionId");
                if (field != null) {
                    key = String.valueOf(group.get(field));
                    if (subField != null && group.get(subField) != null) {
                        key = key + "/" + group.get(subField);
                    }
                }
            } else {
                connection = String.valueOf(id);
            }
            counts.computeIfAbsent(connection, c -> new HashMap<>()).merge(key, ((Number) row.get("n")).longValue(),
                    Long::sum);
        }
        return counts;
    }
}
