package org.mailtrail.matcher.ledger.web;

import java.util.List;

import org.mailtrail.matcher.connection.store.ConnectionSettingsStore;
import org.mailtrail.matcher.ledger.store.ConnectionLedger;
import org.mailtrail.matcher.ledger.store.LedgerStore;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/ledger")
@Tag(name = "Ledger", description = "Where every mail received went: logged, excluded by which rule, or failed")
class LedgerController {

    private final LedgerStore ledger;
    private final ConnectionSettingsStore connections;

    LedgerController(LedgerStore ledger, ConnectionSettingsStore connections) {
        this.ledger = ledger;
        this.connections = connections;
    }

    @Operation(summary = "The ledger of every connection that has received mail")
    @GetMapping
    List<ConnectionLedger> all() {
        return ledger.all();
    }

    @Operation(summary = "The ledger of one connection", description = "404 for a connection neither configured nor seen in mail.")
    @GetMapping("/{connectionId}")
    ConnectionLedger one(@PathVariable String connectionId) {
        return ledger.of(connectionId).or(() -> connections.find(connectionId).map(known -> ledger.empty(connectionId)))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "no connection " + connectionId + " has been configured or received mail"));
    }
}
