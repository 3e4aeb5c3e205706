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
        Map<String, Map<String, Long>> outcomes = count(MessageDocument.COLLECTION, connectionId, null, "outcome",
                "exclusionRule");
        Map<String, Map<String, Long>> states = count(MessageDocument.COLLECTION, connectionId, null, "state", null);
        Map<String, Map<String, Long>> late = count(MessageDocument.COLLECTION, connectionId,
                Criteria.where("loggedLate").is(true), null, null);
        Map<String, Map<String, Long>> copies = count(MessageDocument.COLLECTION, connectionId,
                Criteria.where("copyOf").exists(true), null, null);
        Map<String, Map<String, Long>> interactions = count(InteractionDocument.COLLECTION, connectionId, null, null,
                null);
        Map<String, MailCounts> counts = new HashMap<>();
        String excludedPrefix = MailOutcome.EXCLUDED.name() + "/";
        String heldPrefix = MailOutcome.HELD.name() + "/";
        outcomes.forEach((connection, byOutcome) -> {
            Map<String, Long> excludedByRule = new HashMap<>();
            Map<String, Long> heldByRule = new HashMap<>();
            byOutcome.forEach((key, count) -> {
                if (key.startsWith(excludedPrefix)) {
                    excludedByRule.merge(key.substring(excludedPrefix.length()), count, Long::sum);
                } else if (key.startsWith(heldPrefix)) {
                    heldByRule.merge(key.substring(heldPrefix.length()), count, Long::sum);
                }
            });
            counts.put(connection, new MailCounts(byOutcome.getOrDefault(MailOutcome.LOGGED.name(), 0L),
                    excludedByRule, heldByRule, total(late, connection), total(copies, connection),
                    states.getOrDefault(connection, Map.of()), total(interactions, connection)));
        });
        return counts;
    }

    private static long total(Map<String, Map<String, Long>> counts, String connection) {
        return counts.getOrDefault(connection, Map.of()).getOrDefault("", 0L);
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
     * Documents per connection (of those {@code only} matches, where given), per value of {@code field} (and of
     * {@code subField}, joined as {@code value/subValue}); without a field, the key is the empty string.
     */
    private Map<String, Map<String, Long>> count(String collection, String connectionId, Criteria only,
            String field, String subField) {
        List<AggregationOperation> stages = new ArrayList<>();
        List<Criteria> matching = new ArrayList<>();
        if (connectionId != null) {
            matching.add(Criteria.where("connectionId").is(connectionId));
        }
        if (only != null) {
            matching.add(only);
        }
        if (!matching.isEmpty()) {
            stages.add(Aggregation.match(matching.size() == 1 ? matching.get(0)
                    : new Criteria().andOperator(matching)));
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
