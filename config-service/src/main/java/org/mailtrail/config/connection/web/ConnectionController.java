package org.mailtrail.config.connection.web;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import org.mailtrail.config.connection.domain.Connection;
import org.mailtrail.config.connection.domain.ConnectionService;
import org.mailtrail.platform.problem.InvalidRequestException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

@RestController
@RequestMapping("/api/connections")
@Validated
@Tag(name = "Connections", description = "Mailbox connections: settings, secret (write-only), enabled switch")
@SecurityRequirement(name = "bearer")
class ConnectionController {

    private final ConnectionService connections;

    ConnectionController(ConnectionService connections) {
        this.connections = connections;
    }

    @PostMapping
    @Operation(summary = "Create a connection",
            description = "Answers 201 with the connection and its ETag. With enabled=true the setup checks must pass (409 with the checks otherwise) unless force=true.")
    ResponseEntity<ConnectionView> create(@Valid @RequestBody ConnectionRequest request,
            @RequestParam(defaultValue = "false") boolean force, Principal caller) {
        Connection created = connections.create(request.toDraft(), force, caller.getName());
        return ResponseEntity.created(URI.create("/api/connections/" + created.id()))
                .eTag(ETags.of(created)).body(ConnectionView.of(created));
    }

    @GetMapping
    @Operation(summary = "List all connections")
    List<ConnectionView> list() {
        return connections.list().stream().map(ConnectionView::of).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a connection; the ETag header carries its revision")
    ResponseEntity<ConnectionView> get(@PathVariable @Pattern(regexp = ConnectionRequest.ID) String id) {
        return withETag(connections.get(id), HttpStatus.OK);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a connection's settings",
            description = "Needs If-Match with the current ETag (428 without, 412 when stale). An absent clientSecret/clientSecretRef keeps the stored secret, an absent enabled keeps the state.")
    ResponseEntity<ConnectionView> replace(@PathVariable @Pattern(regexp = ConnectionRequest.ID) String id,
            @Parameter(description = "ETag of the revision being replaced") @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody ConnectionRequest request, @RequestParam(defaultValue = "false") boolean force,
            Principal caller) {
        Long revision = ETags.revision(ifMatch);
        if (revision == null && (ifMatch == null || ifMatch.isBlank())) {
            throw new MissingIfMatchException();
        }
        if (request.id() != null && !request.id().equals(id)) {
            throw new InvalidRequestException("id", "must equal the id in the path (" + id + ") or be left out");
        }
        return withETag(connections.update(id, revision, request.toDraft(), force, caller.getName()), HttpStatus.OK);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a connection; subscribers get a tombstone",
            description = "If-Match is optional; when given it must be the current ETag (412 otherwise).")
    ResponseEntity<Void> delete(@PathVariable @Pattern(regexp = ConnectionRequest.ID) String id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch, Principal caller) {
        connections.delete(id, ETags.revision(ifMatch), caller.getName());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/enable")
    @Operation(summary = "Switch a connection on",
            description = "Runs the setup checks first and refuses with 409 and the failing checks unless they pass or force=true.")
    ResponseEntity<ConnectionView> enable(@PathVariable @Pattern(regexp = ConnectionRequest.ID) String id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestParam(defaultValue = "false") boolean force, Principal caller) {
        return withETag(connections.setEnabled(id, ETags.revision(ifMatch), true, force, caller.getName()), HttpStatus.OK);
    }

    @PostMapping("/{id}/disable")
    @Operation(summary = "Switch a connection off")
    ResponseEntity<ConnectionView> disable(@PathVariable @Pattern(regexp = ConnectionRequest.ID) String id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch, Principal caller) {
        return withETag(connections.setEnabled(id, ETags.revision(ifMatch), false, false, caller.getName()), HttpStatus.OK);
    }

    private static ResponseEntity<ConnectionView> withETag(Connection connection, HttpStatus status) {
        return ResponseEntity.status(status).eTag(ETags.of(connection)).body(ConnectionView.of(connection));
    }
}
