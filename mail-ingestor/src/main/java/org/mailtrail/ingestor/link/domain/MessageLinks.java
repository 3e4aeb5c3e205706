package org.mailtrail.ingestor.link.domain;

import static org.mailtrail.ingestor.IngestorProblems.GRAPH_UNAVAILABLE;
import static org.mailtrail.ingestor.IngestorProblems.MESSAGE_NOT_FOUND;

import java.util.List;

import org.mailtrail.ingestor.connection.domain.ConnectionSupervisor;
import org.mailtrail.ingestor.connection.domain.FollowedConnection;
import org.mailtrail.ingestor.graph.GraphInterruptedException;
import org.mailtrail.ingestor.graph.MailboxGraph;
import org.mailtrail.ingestor.graph.MailboxGraphs;
import org.mailtrail.ingestor.graph.TokenUnavailableException;
import org.mailtrail.platform.problem.ProblemException;
import org.springframework.stereotype.Service;

import com.microsoft.graph.models.Message;
import com.microsoft.kiota.ApiException;

/**
 * The current {@code webLink} of a message, through the mailbox's gate like every other Graph call; for a connection
 * of another kind, from the {@link LinkSource} that knows its mail.
 */
@Service
public class MessageLinks {

    /** A link lookup that cannot be answered: no such connection, or no such message. */
    public static class NotFoundException extends ProblemException {

        public NotFoundException(String detail) {
            super(MESSAGE_NOT_FOUND, detail);
        }
    }

    /** Graph, or the token broker in front of it, could not be asked. */
    public static class GraphUnavailableException extends ProblemException {

        public GraphUnavailableException(RuntimeException cause) {
            super(GRAPH_UNAVAILABLE, "Graph could not be asked for the link: " + cause.getMessage(),
                    List.of(), cause);
        }
    }

    private final ConnectionSupervisor connections;
    private final MailboxGraphs graphs;
    private final List<LinkSource> otherSources;

    public MessageLinks(ConnectionSupervisor connections, MailboxGraphs graphs, List<LinkSource> otherSources) {
        this.connections = connections;
        this.graphs = graphs;
        this.otherSources = List.copyOf(otherSources);
    }

    public String webLink(String connectionId, String immutableId) {
        // Any instance answers, not only the one running the connection: the matcher reaches whichever it reaches.
        FollowedConnection connection = connections.enabled(connectionId)
                .orElseThrow(() -> new NotFoundException("no enabled connection " + connectionId));
        if (!connection.graph()) {
            return otherSources.stream().filter(source -> source.answers(connection)).findFirst()
                    .orElseThrow(() -> new NotFoundException("connection " + connectionId + " of kind "
                            + connection.kind() + " has no links"))
                    .webLink(connection, immutableId);
        }
        MailboxGraph graph = graphs.forMailbox(connection.id(), connection.graphBaseUrl(), connection.mailbox());
        Message message;
        try {
            message = graph.call(() -> graph.client().users().byUserId(connection.mailbox()).messages()
                    .byMessageId(immutableId).get(config -> {
                        MailboxGraph.request("messages.get", MailboxGraph.IMMUTABLE_IDS).accept(config);
                        config.queryParameters.select = new String[] { "webLink" };
                    }));
        } catch (ApiException e) {
            if (e.getResponseStatusCode() == 404 || e.getResponseStatusCode() == 400) {
                throw new NotFoundException("message " + immutableId + " is not in mailbox " + connection.mailbox());
            }
            throw new GraphUnavailableException(e);
        } catch (TokenUnavailableException | GraphInterruptedException e) {
            throw new GraphUnavailableException(e);
        }
        if (message == null || message.getWebLink() == null) {
            throw new NotFoundException("message " + immutableId + " has no link");
        }
        return message.getWebLink();
    }
}
