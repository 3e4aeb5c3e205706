package org.mailtrail.config.connection.web;

import java.time.Instant;
import java.util.List;

import org.mailtrail.config.connection.domain.Connection;
import org.mailtrail.config.connection.domain.ConnectionService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Whether mail is being logged at all, for the people who read the log: a salesperson facing an empty log should
 * learn that the mailbox connection is switched off rather than wonder. Names and switches only, nothing of the
 * settings.
 */
@RestController
@Tag(name = "Connections")
@SecurityRequirement(name = "bearer")
class ConnectionStateController {

    /** One connection as the log's readers may see it. */
    record ConnectionState(String id, String displayName, boolean enabled, Instant updatedAt) {

        static ConnectionState of(Connection connection) {
            return new ConnectionState(connection.id(), connection.settings().displayName(), connection.enabled(),
                    connection.updatedAt());
        }
    }

    private final ConnectionService connections;

    ConnectionStateController(ConnectionService connections) {
        this.connections = connections;
    }

    @GetMapping("/api/connection-states")
    @Operation(summary = "Each connection's name and whether it is enabled",
            description = "For salespeople, sales managers and admins: whether mail is being logged, without the settings.")
    List<ConnectionState> states() {
        return connections.list().stream().map(ConnectionState::of).toList();
    }
}
