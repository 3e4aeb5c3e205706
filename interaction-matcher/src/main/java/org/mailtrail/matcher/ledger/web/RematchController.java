package org.mailtrail.matcher.ledger.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.mailtrail.matcher.interactionlog.domain.Rematch;
import org.mailtrail.matcher.interactionlog.domain.RematchNotFoundException;
import org.mailtrail.matcher.interactionlog.domain.Rematches;
import org.mailtrail.matcher.ledger.domain.CompletenessLedger;
import org.mailtrail.platform.problem.InvalidRequestException;
import org.mailtrail.platform.security.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

@RestController
@RequestMapping("/api")
@Tag(name = "Held mail", description = "Re-runs of matching over the mail a connection holds")
class RematchController {

    /** The period of held mail to match again: mail received in [from, to). */
    record RematchRequest(@NotNull Instant from, @NotNull Instant to) {
    }

    /** The latest re-runs of a connection, the newest first. */
    record RematchList(List<Rematch> items) {
    }

    private final Rematches rematches;
    private final CompletenessLedger ledger;

    RematchController(Rematches rematches, CompletenessLedger ledger) {
        this.rematches = rematches;
        this.ledger = ledger;
    }

    @Operation(summary = "Match the connection's held mail of a period again",
            description = "Mail received in [from, to) and held now is matched against the directory as it is; what "
                    + "qualifies is logged with its original time, archived, and counted as logged late. Answers "
                    + "202 at once with the run, whose progress Location reports. 400 when to is not after from or "
                    + "the period is longer than 366 days; 404 for a connection neither configured nor seen in mail.")
    @PostMapping("/ledger/{connectionId}/rematches")
    ResponseEntity<Rematch> start(@PathVariable String connectionId, @Valid @RequestBody RematchRequest request) {
        ledger.of(connectionId);
        Rematch started;
        try {
            started = rematches.start(connectionId, request.from(), request.to(), Caller.current().name());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("to", e.getMessage());
        }
        return ResponseEntity.accepted().location(URI.create("/api/rematches/" + started.id())).body(started);
    }

    @Operation(summary = "A re-run of matching over held mail, with its progress")
    @GetMapping("/rematches/{id}")
    Rematch one(@PathVariable String id) {
        return rematches.find(id).orElseThrow(() -> new RematchNotFoundException(id));
    }

    @Operation(summary = "The connection's latest re-runs of matching over held mail, the newest first (at most 20)")
    @GetMapping("/ledger/{connectionId}/rematches")
    RematchList latest(@PathVariable String connectionId) {
        ledger.of(connectionId);
        return new RematchList(rematches.latest(connectionId));
    }
}
