package org.mailtrail.ingestor.disposition.domain;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.mailtrail.events.config.DeleteMode;
import org.mailtrail.events.mail.Disposition;
import org.mailtrail.ingestor.IngestorProperties;
import org.mailtrail.ingestor.IngestorProperties.BatchShape;
import org.mailtrail.ingestor.connection.domain.FollowedConnection;
import org.mailtrail.ingestor.connection.domain.Ownership;
import org.mailtrail.ingestor.disposition.store.DispositionStore;
import org.mailtrail.ingestor.graph.FolderNotFoundException;
import org.mailtrail.ingestor.graph.GraphIds;
import org.mailtrail.ingestor.graph.MailFolders;
import org.mailtrail.ingestor.graph.MailboxGraph;
import org.mailtrail.ingestor.graph.MailboxGraphs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.microsoft.graph.core.content.BatchRequestContent;
import com.microsoft.graph.core.content.BatchResponseContent;
import com.microsoft.graph.core.models.BatchRequestStep;
import com.microsoft.graph.models.Message;
import com.microsoft.graph.models.odataerrors.ODataError;
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
 *
 * <p>A HOLD is a move, like ARCHIVE, to the top-level folder the command names, made when the mailbox has none.
 * It never falls back to deleting: the mail was to be kept, so a HOLD that cannot be carried out leaves it where
 * it is and is reported failed. A delete scoped to a folder looks in the command's {@code currentFolder} when it
 * names one (a held mail is in the hold folder), else in the source folder.
 *
 * <p>Everything runs under the connection's lease: it is checked before a folder may be made and before the
 * {@code $batch} goes out (Graph itself cannot be fenced), and every write of the commands' bookkeeping carries its
 * epoch. A {@link org.mailtrail.ingestor.connection.domain.StaleOwnerException} from either leaves the rest of the
 * batch to the new owner.
 */
@Component
public class DispositionBatches implements DispositionExecutor {

    private static final Logger log = LoggerFactory.getLogger(DispositionBatches.class);
    /** Graph's well-known name of the folder users find deleted mail in. */
    private static final String DELETED_ITEMS = "deleteditems";
    private static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.UTF_8);

    private final MailboxGraphs graphs;
    private final MailFolders folders;
    private final DispositionStore store;
    private final DispositionResults results;
    private final IngestorProperties.Dispositions settings;
    private final int itemsPerBatch;
    private final JsonMapper json;

    public DispositionBatches(MailboxGraphs graphs, MailFolders folders, DispositionStore store,
            DispositionResults results, IngestorProperties properties, JsonMapper json) {
        this.graphs = graphs;
        this.folders = folders;
        this.store = store;
        this.results = results;
        this.settings = properties.dispositions();
        this.itemsPerBatch = settings.shape() == BatchShape.PARALLEL
                ? Math.min(settings.batchSize(), graphs.maxConcurrent())
                : settings.batchSize();
        this.json = json;
    }

    @Override
    public boolean carriesOut(FollowedConnection connection) {
        return connection.graph();
    }

    @Override
    public void run(FollowedConnection connection, Ownership owner, List<PendingDisposition> due) {
        MailboxGraph graph = graphs.forMailbox(connection.id(), connection.graphBaseUrl(), connection.mailbox());
        List<PendingDisposition> checked = withArchiveFolderChecked(connection, owner, graph, due);
        // Finding the destinations may make a hold folder.
        owner.check();
        Destinations destinations = new Destinations(connection, graph, checked);
        // Settled and published before the batch goes out, so a batch that then fails as a whole leaves them be.
        Settlement unreachable = new Settlement(connection, owner, graph);
        List<PendingDisposition> items = new ArrayList<>();
        for (PendingDisposition item : checked) {
            destinations.problem(item).ifPresentOrElse(problem -> problem.settle(unreachable, item),
                    () -> items.add(item));
        }
        unreachable.publishResults();
        if (items.isEmpty()) {
            return;
        }

        BatchRequestContent content = new BatchRequestContent(graph.client());
        boolean sequential = settings.shape() == BatchShape.SEQUENTIAL
                && !(items.size() <= graphs.maxConcurrent() && graph.gate().throttledRecently());
        for (int i = 0; i < items.size(); i++) {
            RequestInformation request = request(graph, items.get(i), destinations, connection.deleteMode());
            List<String> dependsOn = sequential && i > 0 ? List.of(Integer.toString(i)) : List.of();
            content.addBatchRequestStep(new BatchRequestStep(Integer.toString(i + 1),
                    graph.client().getRequestAdapter().convertToNativeRequest(request), new ArrayList<>(dependsOn)));
        }
        BatchResponseContent response;
        owner.check();
        try {
            response = graph.batch(content, items.size(), sequential ? 1 : items.size());
        } catch (ApiException e) {
            if (!isRefusal(e)) {
                throw e;
            }
            failedAsAWhole(connection, owner, items, "Graph refused the $batch as a whole: " + e.getMessage());
            return;
        }
        Settlement settlement = new Settlement(connection, owner, graph);
        for (int i = 0; i < items.size(); i++) {
            settlement.settle(items.get(i), response, Integer.toString(i + 1));
        }
        settlement.publishResults();
    }

    /**
     * A batch that failed before any of its commands could be carried out, for a reason that trying again will
     * not cure by itself: each command counts an attempt, and is reported failed once its attempts are used up.
     */
    @Override
    public void failedAsAWhole(FollowedConnection connection, Ownership owner, List<PendingDisposition> items,
            String reason) {
        Settlement settlement = new Settlement(connection, owner, null);
        items.forEach(item -> settlement.refused(item, reason));
        settlement.publishResults();
    }

    /** How many commands go into one {@code $batch} at most. */
    @Override
    public int itemsPerBatch() {
        return itemsPerBatch;
    }

    /**
     * How many commands go into the connection's next {@code $batch}: while Graph has recently throttled its
     * mailbox, no more than run side by side (see the class comment).
     */
    @Override
    public int itemsPerBatch(FollowedConnection connection) {
        if (settings.shape() == BatchShape.PARALLEL) {
            return itemsPerBatch;
        }
        MailboxGraph graph = graphs.forMailbox(connection.id(), connection.graphBaseUrl(), connection.mailbox());
        return graph.gate().throttledRecently() ? Math.min(itemsPerBatch, graphs.maxConcurrent()) : itemsPerBatch;
    }

    /**
     * A 4xx says the request itself is wrong (for the envelope: the batch as a whole), and sending it again at
     * once will not help; a 401 was already retried with a fresh token, and a 429 is throttling, which the gate
     * waits out.
     */
    private static boolean isRefusal(ApiException e) {
        int status = e.getResponseStatusCode();
        return status >= 400 && status < 500 && status != 401 && status != 429;
    }

    /** When the archive folder does not exist, archiving cannot work for any command: they are deleted instead. */
    private List<PendingDisposition> withArchiveFolderChecked(FollowedConnection connection, Ownership owner,
            MailboxGraph graph, List<PendingDisposition> due) {
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
                store.fallBackToDelete(owner, d.commandId(), reason);
                return d.fallingBackToDelete(reason);
            }).toList();
        }
    }

    private static RequestInformation request(MailboxGraph graph, PendingDisposition item, Destinations destinations,
            DeleteMode deleteMode) {
        if (item.action() == Disposition.ARCHIVE) {
            return moveTo(graph, item, destinations.archive());
        }
        if (item.action() == Disposition.HOLD) {
            return moveTo(graph, item, destinations.holdFolder(item));
        }
        return switch (deleteMode) {
            // A move, so users still find the mail; repeated, it moves it into the same folder again.
            case MOVE_TO_DELETED_ITEMS -> moveTo(graph, item, DELETED_ITEMS);
            // Scoped to the folder the mail is in: a repeated command finds nothing to delete there (404) instead
            // of deleting whatever the mail has become since.
            case SOFT_DELETE -> graph.client().users().byUserId(graph.mailbox()).mailFolders()
                    .byMailFolderId(destinations.scope(item)).messages().byMessageId(item.immutableId())
                    .toDeleteRequestInformation(MailboxGraph.request("messages.delete", MailboxGraph.IMMUTABLE_IDS));
            case PERMANENT_DELETE -> withEmptyBody(graph.client().users().byUserId(graph.mailbox()).mailFolders()
                    .byMailFolderId(destinations.scope(item)).messages().byMessageId(item.immutableId())
                    .permanentDelete().toPostRequestInformation(
                            MailboxGraph.request("messages.permanentDelete", MailboxGraph.IMMUTABLE_IDS)));
        };
    }

    /** A delete that names the folder it looks in, rather than moving the mail wherever it is. */
    private static boolean scopedDelete(PendingDisposition item, DeleteMode deleteMode) {
        return item.action() == Disposition.DELETE && deleteMode != DeleteMode.MOVE_TO_DELETED_ITEMS;
    }

    /** The folder a scoped delete looks in, by name: where the command says the mail is, else the source folder. */
    private static String folderLookedIn(PendingDisposition item, FollowedConnection connection) {
        return item.currentFolder() != null ? item.currentFolder() : connection.sourceFolder();
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

    /**
     * The folders one batch's commands go to or look in, each resolved once before the batch is built (and
     * remembered by {@link MailFolders} beyond it), and the problem that keeps a command out of the batch when
     * its folder cannot be had.
     */
    private final class Destinations {
        private final DeleteMode deleteMode;
        private final String archive;
        private final String source;
        private final Map<String, String> holdFolders = new HashMap<>();
        private final Map<String, String> currentFolders = new HashMap<>();
        private final Map<String, Problem> holdProblems = new HashMap<>();
        private final Map<String, Problem> currentProblems = new HashMap<>();

        Destinations(FollowedConnection connection, MailboxGraph graph, List<PendingDisposition> items) {
            this.deleteMode = connection.deleteMode();
            this.archive = items.stream().anyMatch(d -> d.action() == Disposition.ARCHIVE)
                    ? folders.reference(graph, connection.archiveFolder()) : null;
            this.source = folders.reference(graph, connection.sourceFolder());
            for (PendingDisposition item : items) {
                if (item.action() == Disposition.HOLD) {
                    resolveHoldFolder(graph, item.folder());
                } else if (scopedDelete(item, deleteMode) && item.currentFolder() != null) {
                    resolveCurrentFolder(graph, item.currentFolder());
                }
            }
        }

        private void resolveHoldFolder(MailboxGraph graph, String name) {
            if (holdFolders.containsKey(name) || holdProblems.containsKey(name)) {
                return;
            }
            try {
                holdFolders.put(name, folders.topLevelMadeWhenMissing(graph, name));
            } catch (FolderNotFoundException e) {
                holdProblems.put(name, Problem.tryAgain("hold folder '" + name
                        + "' cannot be made: Graph says it exists, yet does not list it (a hidden folder?)"));
            } catch (ApiException e) {
                if (!isRefusal(e)) {
                    throw e;
                }
                holdProblems.put(name, Problem.tryAgain("hold folder '" + name + "' cannot be made: " + graphError(e)));
            }
        }

        private void resolveCurrentFolder(MailboxGraph graph, String name) {
            if (currentFolders.containsKey(name) || currentProblems.containsKey(name)) {
                return;
            }
            try {
                currentFolders.put(name, folders.topLevel(graph, name));
            } catch (FolderNotFoundException e) {
                currentProblems.put(name, Problem.gone("the message is no longer in folder '" + name
                        + "': the mailbox has no such folder"));
            }
        }

        Optional<Problem> problem(PendingDisposition item) {
            if (item.action() == Disposition.HOLD) {
                return Optional.ofNullable(holdProblems.get(item.folder()));
            }
            if (scopedDelete(item, deleteMode) && item.currentFolder() != null) {
                return Optional.ofNullable(currentProblems.get(item.currentFolder()));
            }
            return Optional.empty();
        }

        String archive() {
            return archive;
        }

        String holdFolder(PendingDisposition item) {
            return holdFolders.get(item.folder());
        }

        /** The folder a scoped delete looks in. */
        String scope(PendingDisposition item) {
            return item.currentFolder() == null ? source : currentFolders.get(item.currentFolder());
        }
    }

    /**
     * Why a command stays out of its batch: its folder could not be made (tried again, counting an attempt), or
     * the folder it is to be deleted from does not exist, so neither does the mail there.
     */
    private record Problem(String reason, boolean tryAgain) {

        static Problem tryAgain(String reason) {
            return new Problem(reason, true);
        }

        static Problem gone(String reason) {
            return new Problem(reason, false);
        }

        void settle(Settlement settlement, PendingDisposition item) {
            if (tryAgain) {
                settlement.refused(item, reason);
            } else {
                settlement.gaveUp(item, reason, false);
            }
        }
    }

    /** Reads one batch's answers: what each command came to, and which commands are done. */
    private final class Settlement {
        private final FollowedConnection connection;
        private final MailboxGraph graph;
        private final DispositionResults.Settlement results;

        Settlement(FollowedConnection connection, Ownership owner, MailboxGraph graph) {
            this.connection = connection;
            this.graph = graph;
            this.results = DispositionBatches.this.results.settle(connection, owner);
        }

        void settle(PendingDisposition item, BatchResponseContent response, String id) {
            Response itemResponse = response.getResponseById(id);
            boolean moved = !scopedDelete(item, connection.deleteMode());
            String operation = moved ? "messages.move"
                    : connection.deleteMode() == DeleteMode.PERMANENT_DELETE ? "messages.permanentDelete"
                    : "messages.delete";
            if (itemResponse == null) {
                results.serverError(item, "the $batch answer has no response for this command");
                return;
            }
            int status = itemResponse.code();
            graph.metrics().record(operation, status);
            if (status >= 200 && status < 300) {
                succeeded(item, status, response, id);
            } else if (status == 424) {
                log.debug("command {} skipped after an earlier item of its batch failed", item.commandId());
            } else if (status == 429 || status == 503) {
                // Not counted as an attempt: the mailbox asked to wait, nothing is wrong with the command.
                graph.gate().holdOff(graph.gate().retryAfter(itemResponse.header("Retry-After"), 1));
            } else if (status == 404 && item.action() == Disposition.HOLD) {
                // Graph does not say which one it missed. The hold folder is looked up, or made, afresh next time.
                folders.forgetTopLevel(graph, item.folder());
                results.serverError(item, "the message, or the hold folder '" + item.folder()
                        + "', is not in the mailbox");
            } else if (status == 404) {
                results.gaveUp(item, moved ? "the message is no longer in the mailbox"
                        : "the message is no longer in folder '" + folderLookedIn(item, connection) + "'", false);
            } else if (status >= 400 && status < 500) {
                results.gaveUp(item, error(status, itemResponse), true);
            } else {
                results.serverError(item, error(status, itemResponse));
            }
        }

        private void succeeded(PendingDisposition item, int status, BatchResponseContent response, String id) {
            if (item.action() == Disposition.ARCHIVE || item.action() == Disposition.HOLD) {
                Message moved = response.getResponseById(id, Message::createFromDiscriminatorValue);
                if (moved == null || moved.getWebLink() == null) {
                    results.serverError(item, "the move answered " + status + " without the moved message");
                    return;
                }
                String immutableId = moved.getId() == null ? item.immutableId() : moved.getId();
                String messageId = GraphIds.regularIdFromWebLink(moved.getWebLink());
                if (item.action() == Disposition.HOLD) {
                    results.held(item, immutableId, messageId, moved.getWebLink());
                } else {
                    results.archived(item, immutableId, messageId, connection.archiveFolder(), moved.getWebLink());
                }
            } else {
                results.deleted(item);
            }
        }

        void gaveUp(PendingDisposition item, String reason, boolean messageStillThere) {
            results.gaveUp(item, reason, messageStillThere);
        }

        void refused(PendingDisposition item, String reason) {
            results.refused(item, reason);
        }

        void publishResults() {
            results.publishResults();
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

    private static String graphError(ApiException e) {
        String detail = "";
        if (e instanceof ODataError error && error.getError() != null) {
            detail = ((error.getError().getCode() == null ? "" : error.getError().getCode()) + ": "
                    + (error.getError().getMessage() == null ? "" : error.getError().getMessage())).trim();
        }
        return "Graph answered " + e.getResponseStatusCode() + (detail.isBlank() || detail.equals(":") ? ""
                : " " + detail);
    }
}
