package org.mailtrail.matcher.ledger.web;

import java.util.List;

import org.mailtrail.matcher.ledger.domain.CompletenessLedger;
import org.mailtrail.matcher.ledger.domain.ConnectionLedger;
import org.mailtrail.matcher.ledger.domain.MailFailure;
import org.mailtrail.platform.web.Cursor;
import org.mailtrail.platform.web.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

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

    @Operation(summary = "A connection's failed mails with their causes, the latest first",
            description = "stage PROCESSING: the matcher could not process the mail (dead-lettered and not matched "
                    + "since; the ledger's failed); stage MAILBOX: the ingestor could not archive or delete it (the "
                    + "ledger's mailbox.FAILED). A mail is named by its ids only. 404 for a connection neither "
                    + "configured nor seen in mail.")
    @GetMapping("/{connectionId}/failures")
    Page<MailFailure> failures(@PathVariable String connectionId,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        Cursor after = cursor == null ? null : Cursor.decode(cursor);
        List<MailFailure> found = ledger.failures(connectionId, after, limit);
        boolean more = found.size() > limit;
        List<MailFailure> items = more ? found.subList(0, limit) : found;
        MailFailure last = more ? items.get(items.size() - 1) : null;
        return new Page<>(items, last == null ? null : new Cursor(last.failedAt(), last.id()).encode());
    }
}
