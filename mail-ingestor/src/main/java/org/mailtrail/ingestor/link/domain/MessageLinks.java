package org.mailtrail.ingestor.link.domain;

import org.mailtrail.ingestor.connection.domain.Connection;
import org.mailtrail.ingestor.connection.domain.ConnectionSupervisor;
import org.mailtrail.ingestor.graph.GraphClients;
import org.mailtrail.ingestor.graph.MailboxGraph;
import org.springframework.stereotype.Service;

import com.microsoft.graph.models.Message;
import com.microsoft.kiota.ApiException;

/** The current {@code webLink} of a message, through the mailbox's gate like every other Graph call. */
@Service
public class MessageLinks {

    /** A link lookup that cannot be answered: no such connection, or no such message. */
    public static class NotFoundException extends RuntimeException {

        public NotFoundException(String message) {
            super(message);
        }
    }

    private final ConnectionSupervisor connections;
    private final GraphClients graphs;

    public MessageLinks(ConnectionSupervisor connections, GraphClients graphs) {
        this.connections = connections;
        this.graphs = graphs;
    }

    public String webLink(String connectionId, String immutableId) {
        // Any instance answers, not only the one running the connection: the matcher reaches whichever it reaches.
        Connection connection = connections.enabled(connectionId)
                .orElseThrow(() -> new NotFoundException("no enabled connection " + connectionId));
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
            throw e;
        }
        if (message == null || message.getWebLink() == null) {
            throw new NotFoundException("message " + immutableId + " has no link");
        }
        return message.getWebLink();
    }
}
