package org.mailtrail.ingestor.disposition.domain;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.mailtrail.events.Contract;
import org.mailtrail.events.EventIds;
import org.mailtrail.events.config.DeleteMode;
import org.mailtrail.events.mail.Disposition;
import org.mailtrail.events.mail.MailArchived;
import org.mailtrail.events.mail.MailDeleted;
import org.mailtrail.events.mail.MailDispositionFailed;
import org.mailtrail.ingestor.IngestorProperties;
import org.mailtrail.ingestor.IngestorProperties.BatchShape;
import org.mailtrail.ingestor.connection.domain.FollowedConnection;
import org.mailtrail.ingestor.disposition.store.DispositionStore;
import org.mailtrail.ingestor.graph.FolderNotFoundException;
import org.mailtrail.ingestor.graph.GraphIds;
import org.mailtrail.ingestor.graph.MailFolders;
import org.mailtrail.ingestor.graph.MailboxGraph;
import org.mailtrail.ingestor.graph.MailboxGraphs;
import org.mailtrail.platform.messaging.OutageRetry;
import org.mailtrail.platform.outbox.Outbox;
import org.mailtrail.platform.outbox.OutboxEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.microsoft.graph.core.content.BatchRequestContent;
import com.microsoft.graph.core.content.BatchResponseContent;
import com.microsoft.graph.core.models.BatchRequestStep;
import com.microsoft.graph.models.Message;
import com.microsoft.graph.users.item.messages.item.move.MovePostRequestBody;
import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.RequestInformation;

import okhttp3.Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carries out one batch of a connection's commands as a single {@code $batch}, in one of the two shapes Graph
 * accepts. Sequential: each item depends on the one before, so Graph runs them one at a time and, once an item
 * is throttled or fails, skips the rest (424) instead of sending more requests to a mailbox that asked to be left
 * alone; the skipped items simply go into the next batch. Parallel: no item depends on another, and a batch is
 * no larger than the mailbox's concurrent requests, since Graph runs them all at once. A throttled item holds
 * the whole mailbox back for its own Retry-After. Each command that is done is marked so together with its
 * result event, which is published once the batch is read.
 *
 * <p>Sequential batches turn parallel while Graph is throttling the mailbox (within the calm period after its
 * last Retry-After), with no more commands than the mailbox's concurrent requests. The mailbox then goes one
 * request at a time, so a batch has all of its concurrent requests to itself anyway; run side by side, a
 * throttled command stops only itself, where in a chain it would skip every command behind it, and all the
 * batch's throttled commands wait out one Retry-After together.
 */
@Component
public class DispositionBatches {

    private static final Logger log = LoggerFactory.getLogger(DispositionBatches.class);
    /** Graph's well-known name of the folder users find deleted mail in. */
    private static final String DELETED_ITEMS = "deleteditems";
    private static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.UTF_8);

    private final MailboxGraphs graphs;
    private final MailFolders folders;
    private final DispositionStore store;
    private final Outbox outbox;
    private final OutageRetry outages;
    private final DispositionMetrics metrics;
    private final IngestorProperties.Dispositions settings;
    private final int itemsPerBatch;
    private final JsonMapper json;
    private final Clock clock;

    public DispositionBatches(MailboxGraphs graphs, MailFolders folders, DispositionStore store, Outbox outbox,
            OutageRetry outages, DispositionMetrics metrics, IngestorProperties properties, JsonMapper json,
            Clock clock) {
        this.graphs = graphs;
        this.folders = folders;
        this.store = store;
        this.outbox = outbox;
        this.outages = outages;
        this.metrics = metrics;
        this.settings = properties.dispositions();
        this.itemsPerBatch = settings.shape() == BatchShape.PARALLEL
                ? Math.min(settings.batchSize(), graphs.maxConcurrent())
                : settings.batchSize();
        this.json = json;
        this.clock = clock;
    }

    public void run(FollowedConnection connection, List<PendingDisposition> due) {
        MailboxGraph graph = graphs.forMailbox(connection.id(), connection.graphBaseUrl(), connection.mailbox());
        List<PendingDisposition> items = withArchiveFolderChecked(connection, graph, due);
        String archive = items.stream().anyMatch(d -> d.action() == Disposition.ARCHIVE)
                ? folders.reference(graph, connection.archiveFolder()) : null;
        String source = folders.reference(graph, connection.sourceFolder());

        BatchRequestContent content = new BatchRequestContent(graph.client());
        boolean sequential = settings.shape() == BatchShape.SEQUENTIAL
                && !(items.size() <= graphs.maxConcurrent() && graph.gate().throttledRecently());
        for (int i = 0; i < items.size(); i++) {
            RequestInformation request = request(graph, items.get(i), archive, source, connection.deleteMode());
            List<String> dependsOn = sequential && i > 0 ? List.of(Integer.toString(i)) : List.of();
            content.addBatchRequestStep(new BatchRequestStep(Integer.toString(i + 1),
                    graph.client().getRequestAdapter().convertToNativeRequest(request), new ArrayList<>(dependsOn)));
        }
        BatchResponseContent response;
        try {
            response = graph.batch(content, items.size(), sequential ? 1 : items.size());
        } catch (ApiException e) {
            if (!refusedAsAWhole(e)) {
                throw e;
            }
            failedAsAWhole(connection, items, "Graph refused the $batch as a whole: " + e.getMessage());
            return;
        }
        Settlement settlement = new Settlement(connection, graph, response);
        for (int i = 0; i < items.size(); i++) {
            settlement.settle(items.get(i), Integer.toString(i + 1));
        }
        settlement.publishResults();
    }

    /**
     * A batch that failed before any of its commands could be carried out, for a reason that trying again will
     * not cure by itself: each command counts an attempt, and is reported failed once its attempts are used up.
     */
    public void failedAsAWhole(FollowedConnection connection, List<PendingDisposition> items, String reason) {
        Settlement settlement = new Settlement(connection, null, null);
        items.forEach(item -> settlement.refused(item, reason));
        settlement.publishResults();
    }

    /** How many commands go into one {@code $batch} at most. */
    public int itemsPerBatch() {
        return itemsPerBatch;
    }

    /**
     * How many commands go into the connection's next {@code $batch}: while Graph has recently throttled its
     * mailbox, no more than run side by side (see the class comment).
     */
    public int itemsPerBatch(FollowedConnection connection) {
        if (settings.shape() == BatchShape.PARALLEL) {
            return itemsPerBatch;
        }
        MailboxGraph graph = graphs.forMailbox(connection.id(), connection.graphBaseUrl(), connection.mailbox());
        return graph.gate().throttledRecently() ? Math.min(itemsPerBatch, graphs.maxConcurrent()) : itemsPerBatch;
    }

    /**
     * A 4xx for the envelope says the batch itself is wrong, and sending it again will not help; a 401 was
     * already retried with a fresh token, and a 429 is throttling, which the gate waits out.
     */
    private static boolean refusedAsAWhole(ApiException e) {
        int status = e.getResponseStatusCode();
        return status >= 400 && status < 500 && status != 401 && status != 429;
    }

    /** When the archive folder does not exist, archiving cannot work for any command: they are deleted instead. */
    private List<PendingDisposition> withArchiveFolderChecked(FollowedConnection connection, MailboxGraph graph,
            List<PendingDisposition> due) {
        if (due.stream().noneMatch(d -> d.action() == Disposition.ARCHIVE)) {
            return due;
        }
        try {
            folders.reference(graph, connection.archiveFolder());
            return due;
        } catch (FolderNotFoundException e) {
            String reason = "archive folder '" + connection.archiveFolder() + "' not found";
            return due.stream().map(d -> {
                if (d.action() != Disposition.ARCHIVE) {
                    return d;
                }
                store.fallBackToDelete(d.commandId(), reason);
                return d.fallingBackToDelete(reason);
            }).toList();
        }
    }

    private static RequestInformation request(MailboxGraph graph, PendingDisposition item, String archive,
            String source, DeleteMode deleteMode) {
        if (item.action() == Disposition.ARCHIVE) {
            return moveTo(graph, item, archive);
        }
        return switch (deleteMode) {
            // A move, so users still find the mail; repeated, it moves it into the same folder again.
            case MOVE_TO_DELETED_ITEMS -> moveTo(graph, item, DELETED_ITEMS);
            // Scoped to the source folder: a repeated command finds nothing to delete there (404) instead of
            // deleting whatever the mail has become since.
            case SOFT_DELETE -> graph.client().users().byUserId(graph.mailbox()).mailFolders().byMailFolderId(source)
                    .messages().byMessageId(item.immutableId())
                    .toDeleteRequestInformation(MailboxGraph.request("messages.delete", MailboxGraph.IMMUTABLE_IDS));
            case PERMANENT_DELETE -> withEmptyBody(graph.client().users().byUserId(graph.mailbox()).mailFolders()
                    .byMailFolderId(source).messages().byMessageId(item.immutableId()).permanentDelete()
                    .toPostRequestInformation(MailboxGraph.request("messages.permanentDelete", MailboxGraph.IMMUTABLE_IDS)));
        };
    }

    /** The SDK cannot put a POST without a body into a {@code $batch}; an empty JSON object stands in for none. */
    private static RequestInformation withEmptyBody(RequestInformation request) {
        request.setStreamContent(new ByteArrayInputStream(EMPTY_JSON), "application/json");
        return request;
    }

    private static RequestInformation moveTo(MailboxGraph graph, PendingDisposition item, String destination) {
        MovePostRequestBody body = new MovePostRequestBody();
        body.setDestinationId(destination);
        return graph.client().users().byUserId(graph.mailbox()).messages().byMessageId(item.immutableId()).move()
                .toPostRequestInformation(body, MailboxGraph.request("messages.move", MailboxGraph.IMMUTABLE_IDS));
    }

    /** Reads one batch's answers: what each command came to, and which commands are done. */
    private final class Settlement {
        private final FollowedConnection connection;
        private final MailboxGraph graph;
        private final BatchResponseContent response;
        private final List<String> done = new ArrayList<>();

        Settlement(FollowedConnection connection, MailboxGraph graph, BatchResponseContent response) {
            this.connection = connection;
            this.graph = graph;
            this.response = response;
        }

        void settle(PendingDisposition item, String id) {
            Response itemResponse = response.getResponseById(id);
            boolean moved = item.action() == Disposition.ARCHIVE
                    || connection.deleteMode() == DeleteMode.MOVE_TO_DELETED_ITEMS;
            String operation = moved ? "messages.move"
                    : connection.deleteMode() == DeleteMode.PERMANENT_DELETE ? "messages.permanentDelete"
                    : "messages.delete";
            if (itemResponse == null) {
                serverError(item, "the $batch answer has no response for this command");
                return;
            }
            int status = itemResponse.code();
            graph.metrics().record(operation, status);
            if (status >= 200 && status < 300) {
                succeeded(item, status, id);
            } else if (status == 424) {
                log.debug("command {} skipped after an earlier item of its batch failed", item.commandId());
            } else if (status == 429 || status == 503) {
                // Not counted as an attempt: the mailbox asked to wait, nothing is wrong with the command.
                graph.gate().holdOff(graph.gate().retryAfter(itemResponse.header("Retry-After"), 1));
            } else if (status == 404) {
                gaveUp(item, moved ? "the message is no longer in the mailbox"
                        : "the message is no longer in folder '" + connection.sourceFolder() + "'", false);
            } else if (status >= 400 && status < 500) {
                gaveUp(item, error(status, itemResponse), true);
            } else {
                serverError(item, error(status, itemResponse));
            }
        }

        private void succeeded(PendingDisposition item, int status, String id) {
            Instant now = clock.instant();
            if (item.action() == Disposition.ARCHIVE) {
                Message moved = response.getResponseById(id, Message::createFromDiscriminatorValue);
                if (moved == null || moved.getWebLink() == null) {
                    serverError(item, "the move answered " + status + " without the moved message");
                    return;
                }
                finish(item, new MailArchived(EventIds.of(MailArchived.TYPE, item.commandId()), now, 1,
                        item.connectionId(), item.internetMessageId(), moved.getId() == null ? item.immutableId()
                                : moved.getId(),
                        GraphIds.regularIdFromWebLink(moved.getWebLink()), connection.archiveFolder(),
                        moved.getWebLink()), "archived");
            } else if (item.fallbackReason() != null) {
                finish(item, new MailDispositionFailed(EventIds.of(MailDispositionFailed.TYPE, item.commandId()), now,
                        1, item.connectionId(), item.internetMessageId(), item.immutableId(), item.requested(),
                        Disposition.DELETE, item.fallbackReason()), "fallback_deleted");
            } else {
                finish(item, new MailDeleted(EventIds.of(MailDeleted.TYPE, item.commandId()), now, 1,
                        item.connectionId(), item.internetMessageId(), item.immutableId(), item.reason()), "deleted");
            }
        }

        /**
         * A command that cannot be carried out. Archiving falls back to deleting (when the message is still
         * there); anything else is reported as failed.
         */
        private void gaveUp(PendingDisposition item, String reason, boolean messageStillThere) {
            if (item.action() == Disposition.ARCHIVE && messageStillThere) {
                log.info("archiving {} failed ({}); deleting it instead", item.internetMessageId(), reason);
                store.fallBackToDelete(item.commandId(), "archiving failed: " + reason);
                return;
            }
            String why = item.fallbackReason() == null ? reason
                    : item.fallbackReason() + "; deleting failed too: " + reason;
            finish(item, new MailDispositionFailed(EventIds.of(MailDispositionFailed.TYPE, item.commandId()),
                    clock.instant(), 1, item.connectionId(), item.internetMessageId(), item.immutableId(),
                    item.requested(), null, why), "failed");
        }

        /**
         * The batch was refused before any of its items ran: the command is tried again like one that met a
         * server error, and reported as failed (without falling back, nothing is wrong with the mail) once its
         * attempts are used up.
         */
        void refused(PendingDisposition item, String reason) {
            int attempts = item.attempts() + 1;
            if (attempts >= settings.maxAttempts()) {
                finish(item, new MailDispositionFailed(EventIds.of(MailDispositionFailed.TYPE, item.commandId()),
                        clock.instant(), 1, item.connectionId(), item.internetMessageId(), item.immutableId(),
                        item.requested(), null, reason + " (after " + attempts + " attempts)"), "failed");
            } else {
                store.retryLater(item.commandId(), attempts, clock.instant().plus(settings.retryDelay()));
            }
        }

        private void serverError(PendingDisposition item, String reason) {
            int attempts = item.attempts() + 1;
            if (attempts >= settings.maxAttempts()) {
                gaveUp(item, reason + " (after " + attempts + " attempts)", true);
            } else {
                store.retryLater(item.commandId(), attempts, clock.instant().plus(settings.retryDelay()));
            }
        }

        private void finish(PendingDisposition item, Contract result, String outcome) {
            // The mail has moved already: were the record lost to a MongoDB outage, the command would be carried
            // out again and a delete would find nothing left to delete and report a failure.
            OutboxEntry entry = outbox.entry(result);
            outages.hold(() -> store.done(item.commandId(), outcome, entry));
            done.add(item.commandId());
            metrics.count(outcome);
        }

        /** The results are stored already: what keeps one from the broker now, the outbox relay publishes later. */
        void publishResults() {
            try {
                outbox.publish(DispositionStore.COLLECTION, done);
            } catch (RuntimeException e) {
                log.warn("disposition results of connection {} are left to the outbox relay: {}", connection.id(),
                        e.toString());
            }
        }
    }

    private String error(int status, Response response) {
        String detail = "";
        try {
            if (response.body() != null) {
                JsonNode error = json.readTree(response.body().string()).path("error");
                detail = (" " + error.path("code").asString("") + ": " + error.path("message").asString("")).trim();
            }
        } catch (Exception e) {
            // the status alone then
        }
        return "Graph answered " + status + (detail.isBlank() ? "" : " " + detail);
    }
}
