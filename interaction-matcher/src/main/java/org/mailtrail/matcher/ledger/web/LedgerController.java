package org.mailtrail.matcher.ledger.web;

import java.util.List;

import org.mailtrail.matcher.ledger.domain.CompletenessLedger;
import org.mailtrail.matcher.ledger.domain.ConnectionLedger;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/ledger")
@Tag(name = "Ledger", description = "Where every mail received went: logged, excluded by which rule, or failed")
class LedgerController {

    private final CompletenessLedger ledger;

    LedgerController(CompletenessLedger ledger) {
        this.ledger = ledger;
    }

    @Operation(summary = "The ledger of every connection that has received mail")
    @GetMapping
    List<ConnectionLedger> all() {
        return ledger.all();
    }

    @Operation(summary = "The ledger of one connection", description = "404 for a connection neither configured nor seen in mail.")
    @GetMapping("/{connectionId}")
    ConnectionLedger one(@PathVariable String connectionId) {
        return ledger.of(connectionId);
    }
}
