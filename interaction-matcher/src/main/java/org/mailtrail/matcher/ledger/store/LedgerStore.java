package org.mailtrail.matcher.ledger.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.bson.Document;
import org.mailtrail.matcher.log.domain.MailState;
import org.mailtrail.matcher.log.domain.Outcome;
import org.mailtrail.matcher.log.store.InteractionDocument;
import org.mailtrail.matcher.log.store.MessageDocument;
import org.mailtrail.matcher.matching.domain.ExclusionRule;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.aggregation.AggregationOperation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Counts the log by connection; every count is one aggregation over a collection the log keeps anyway. */
@Component
public class LedgerStore {

    private final MongoTemplate mongo;

    public LedgerStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Idempotent: a dead letter read twice is recorded once. */
    public void recordFailure(FailedMail failure) {
        mongo.save(failure);
    }

    public List<ConnectionLedger> all() {
        return ledgers(null);
    }

    public Optional<ConnectionLedger> of(String connectionId) {
        return ledgers(connectionId).stream().findFirst();
    }

    /** The ledger of a connection that has not received any mail yet. */
    public ConnectionLedger empty(String connectionId) {
        Map<String, Long> mailbox = new TreeMap<>();
        for (MailState state : MailState.values()) {
            mailbox.put(state.name(), 0L);
        }
        return new ConnectionLedger(connectionId, 0, 0, 0, zeroPerRule(), 0, 0, mailbox);
    }

    private List<ConnectionLedger> ledgers(String connectionId) {
        Map<String, Map<String, Long>> outcomes = count(MessageDocument.COLLECTION, connectionId, "outcome",
                "exclusionRule");
        Map<String, Map<String, Long>> states = count(MessageDocument.COLLECTION, connectionId, "state", null);
        Map<String, Map<String, Long>> interactions = count(InteractionDocument.COLLECTION, connectionId, null, null);
        Map<String, Long> failed = failedNeverMatched(connectionId);

        Set<String> connections = new TreeSet<>(outcomes.keySet());
        connections.addAll(failed.keySet());
        List<ConnectionLedger> ledgers = new ArrayList<>();
        for (String connection : connections) {
            Map<String, Long> byOutcome = outcomes.getOrDefault(connection, Map.of());
            long logged = byOutcome.getOrDefault(Outcome.LOGGED.name(), 0L);
            Map<String, Long> byRule = zeroPerRule();
            byOutcome.forEach((key, count) -> {
                if (key.startsWith(Outcome.EXCLUDED.name() + "/")) {
                    byRule.put(key.substring(Outcome.EXCLUDED.name().length() + 1), count);
                }
            });
            long excluded = byRule.values().stream().mapToLong(Long::longValue).sum();
            long failures = failed.getOrDefault(connection, 0L);
            Map<String, Long> mailbox = new TreeMap<>();
            for (MailState state : MailState.values()) {
                mailbox.put(state.name(), states.getOrDefault(connection, Map.of()).getOrDefault(state.name(), 0L));
            }
            ledgers.add(new ConnectionLedger(connection, logged + excluded + failures, logged, excluded, byRule,
                    failures, interactions.getOrDefault(connection, Map.of()).getOrDefault("", 0L), mailbox));
        }
        return ledgers;
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

    /** Dead-lettered mails that were not matched later (an operator may have replayed them). */
    private Map<String, Long> failedNeverMatched(String connectionId) {
        Query query = connectionId == null ? new Query() : Query.query(Criteria.where("connectionId").is(connectionId));
        List<FailedMail> failures = mongo.find(query, FailedMail.class);
        if (failures.isEmpty()) {
            return Map.of();
        }
        Query matchedLater = Query.query(Criteria.where("_id").in(failures.stream().map(FailedMail::id).toList()));
        matchedLater.fields().include("_id");
        Set<String> matched = mongo.find(matchedLater, Document.class, MessageDocument.COLLECTION).stream()
                .map(document -> document.getString("_id")).collect(Collectors.toSet());
        return failures.stream().filter(failure -> !matched.contains(failure.id()))
                .collect(Collectors.groupingBy(FailedMail::connectionId, Collectors.counting()));
    }

    /** Every rule, so a ledger lists the rules with nothing excluded too. */
    private static Map<String, Long> zeroPerRule() {
        return Arrays.stream(ExclusionRule.values())
                .collect(Collectors.toMap(ExclusionRule::name, rule -> 0L, Long::sum, TreeMap::new));
    }
}
