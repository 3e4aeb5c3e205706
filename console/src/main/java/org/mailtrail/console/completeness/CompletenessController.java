package org.mailtrail.console.completeness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mailtrail.console.services.ConnectionLedger;
import org.mailtrail.console.services.FailedMail;
import org.mailtrail.console.services.Ledger;
import org.mailtrail.platform.web.Page;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.validation.constraints.Size;

@Controller
class CompletenessController {

    static final int FAILURES_PER_PAGE = 20;

    /** The disposition states in the order the page lists them, with what each means. */
    static final Map<String, String> MAILBOX_STATES = new LinkedHashMap<>();
    static {
        MAILBOX_STATES.put("ARCHIVED", "Archived");
        MAILBOX_STATES.put("DELETED", "Deleted");
        MAILBOX_STATES.put("LEFT", "Left in the Inbox");
        MAILBOX_STATES.put("REQUESTED", "Asked for, no answer yet");
        MAILBOX_STATES.put("FAILED", "Failed");
    }

    /** The matcher's rules in its own words; a rule the console does not know yet shows its name. */
    static final Map<String, String> RULES = Map.of(
            "DRAFT", "A draft",
            "NO_SENDER", "No sender",
            "NO_RECIPIENTS", "No To or Cc recipient",
            "INTERNAL_ONLY", "Internal only: no external participant",
            "NO_CONTACT_RECIPIENT", "A salesperson wrote to no contact",
            "CONTACT_TO_CONTACT", "A contact wrote to no salesperson",
            "UNKNOWN_SENDER", "The sender is neither a salesperson nor a contact",
            "BLOCKED", "Every match is on the connection's blocklist",
            "PRIVACY_BLOCKED", "Every matched contact is privacy blocked");

    private final Ledger ledger;

    CompletenessController(Ledger ledger) {
        this.ledger = ledger;
    }

    /**
     * Every connection's ledger, each with its latest failed mails; {@code connection} and {@code cursor} page through
     * one connection's failed mails (htmx asks for that part alone).
     */
    @GetMapping("/completeness")
    String completeness(@RequestParam(required = false) @Size(max = 200) String connection,
            @RequestParam(required = false) @Size(max = 2000) String cursor,
            @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        String from = cursor == null || cursor.isBlank() ? null : cursor;
        model.addAttribute("mailboxStates", MAILBOX_STATES);
        model.addAttribute("rules", RULES);
        if (htmx != null && connection != null && !connection.isBlank()) {
            model.addAttribute("view", new ConnectionView(connection, null,
                    ledger.failures(connection, from, FAILURES_PER_PAGE), from));
            return "completeness :: failures";
        }
        List<ConnectionView> connections = new ArrayList<>();
        for (ConnectionLedger one : ledger.all()) {
            String start = one.connectionId().equals(connection) ? from : null;
            Page<FailedMail> failures = one.hasFailures()
                    ? ledger.failures(one.connectionId(), start, FAILURES_PER_PAGE)
                    : null;
            connections.add(new ConnectionView(one.connectionId(), one, failures, start));
        }
        model.addAttribute("connections", connections);
        return "completeness";
    }
}
