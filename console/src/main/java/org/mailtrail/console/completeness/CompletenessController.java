package org.mailtrail.console.completeness;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mailtrail.console.services.ConnectionLedger;
import org.mailtrail.console.services.ConnectionLedger.DirectoryState;
import org.mailtrail.console.services.FailedMail;
import org.mailtrail.console.services.Ledger;
import org.mailtrail.console.services.Rematch;
import org.mailtrail.console.services.ServiceProblem;
import org.mailtrail.platform.web.Page;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Size;

@Controller
class CompletenessController {

    private static final Logger log = LoggerFactory.getLogger(CompletenessController.class);

    static final int FAILURES_PER_PAGE = 20;

    /** The disposition states in the order the page lists them, with what each means. */
    static final Map<String, String> MAILBOX_STATES = new LinkedHashMap<>();
    static {
        MAILBOX_STATES.put("ARCHIVED", "Archived");
        MAILBOX_STATES.put("DELETED", "Deleted");
        MAILBOX_STATES.put("LEFT", "Left in the mailbox");
        MAILBOX_STATES.put("HELD", "Held in the hold folder");
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
    private final Clock clock;

    CompletenessController(Ledger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * Every connection's ledger, each with its latest failed mails and its runs of matching held mail again;
     * {@code connection} and {@code cursor} page through one connection's failed mails (htmx asks for that part
     * alone).
     */
    @GetMapping("/completeness")
    String completeness(@RequestParam(required = false) @Size(max = 200) String connection,
            @RequestParam(required = false) @Size(max = 2000) String cursor,
            @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        String from = cursor == null || cursor.isBlank() ? null : cursor;
        if (htmx != null && connection != null && !connection.isBlank()) {
            model.addAttribute("view", new ConnectionView(connection, null,
                    ledger.failures(connection, from, FAILURES_PER_PAGE), from, null));
            return "completeness :: failures";
        }
        return page(model, connection, from, null, null);
    }

    /**
     * Starts matching the connection's held mail of the period again. htmx gets the form's part back, with the run
     * that started (which then follows itself) or with what was refused; a page without htmx goes back to the
     * ledger, or shows it with the refusal in the form.
     */
    @PostMapping("/completeness/{connectionId}/rematches")
    String rematch(@PathVariable @Size(max = 200) String connectionId, @ModelAttribute RematchForm form,
            @RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletResponse response,
            Model model, RedirectAttributes redirect) {
        RematchForm.Checked period = form.check();
        if (!period.valid()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return show(model, connectionId, htmx, rematchPart(connectionId, form, period.errors(), null, null));
        }
        Rematch started;
        try {
            started = ledger.startRematch(connectionId, period.from(), period.to());
        } catch (ServiceProblem refused) {
            // The matcher's refusal where the run was asked for, as every page shows one, with the form kept.
            response.setStatus(refused.status() == 401 ? 503 : refused.status());
            return show(model, connectionId, htmx, rematchPart(connectionId, form, Map.of(), refused, null));
        }
        if (htmx == null) {
            redirect.addFlashAttribute("notice", "Matching held mail of connection " + connectionId
                    + " again has started.");
            return "redirect:/completeness#rematch-" + ConnectionView.key(connectionId);
        }
        return show(model, connectionId, htmx, rematchPart(connectionId, form, Map.of(), null, started));
    }

    /**
     * How far a run has come. htmx asks every second while it runs and gets the run's part, which asks no more once
     * the run is done or failed; a matcher that does not answer a poll is asked again at the next one (204 changes
     * nothing on the page).
     */
    @GetMapping("/completeness/rematches/{id}")
    String rematchProgress(@PathVariable @Size(max = 200) String id,
            @RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletResponse response,
            Model model) {
        Rematch run;
        try {
            run = ledger.rematch(id);
        } catch (ServiceProblem problem) {
            if (htmx != null && problem.status() >= 500) {
                log.debug("run {} not followed this time: {}", id, problem.getMessage());
                response.setStatus(HttpStatus.NO_CONTENT.value());
                return null;
            }
            throw problem;
        }
        if (htmx == null) {
            return "redirect:/completeness#rematch-" + ConnectionView.key(run.connectionId());
        }
        model.addAttribute("run", run);
        return "completeness :: rematchRun";
    }

    /** The form's part alone for htmx; the whole page, with the part in its place, otherwise. */
    private String show(Model model, String connectionId, String htmx, RematchPart part) {
        if (htmx != null) {
            model.addAttribute("view", new ConnectionView(connectionId, null, null, null, part));
            return "completeness :: rematch";
        }
        return page(model, null, null, connectionId, part);
    }

    private String page(Model model, String failuresOf, String cursor, String rematchOf, RematchPart rematch) {
        List<ConnectionView> connections = new ArrayList<>();
        boolean safeStart = false;
        for (ConnectionLedger one : ledger.all()) {
            String id = one.connectionId();
            String start = id.equals(failuresOf) ? cursor : null;
            Page<FailedMail> failures = one.hasFailures() ? ledger.failures(id, start, FAILURES_PER_PAGE) : null;
            RematchPart part = id.equals(rematchOf) ? rematch : ConnectionView.UNKNOWN.equals(id) ? null
                    : rematchPart(id, RematchForm.lastDays(LocalDate.now(clock)), Map.of(), null, null);
            connections.add(new ConnectionView(id, one, failures, start, part));
            safeStart |= one.safeStart();
        }
        model.addAttribute("mailboxStates", MAILBOX_STATES);
        model.addAttribute("rules", RULES);
        model.addAttribute("connections", connections);
        model.addAttribute("safeStart", safeStart);
        model.addAttribute("safeStartNotice", DirectoryState.SAFE_START);
        return "completeness";
    }

    /**
     * The form, with what was refused in it, and the connection's latest runs: the one just started first, even
     * when the matcher does not list it yet. A page does without the list when the matcher cannot give it, and says
     * so.
     */
    private RematchPart rematchPart(String connectionId, RematchForm form, Map<String, String> errors,
            ServiceProblem refused, Rematch started) {
        List<Rematch> runs = new ArrayList<>();
        if (started != null) {
            runs.add(started);
        }
        try {
            ledger.rematches(connectionId).stream().filter(run -> started == null || !run.id().equals(started.id()))
                    .forEach(runs::add);
        } catch (ServiceProblem unavailable) {
            log.debug("runs of {} left out of the page: {}", connectionId, unavailable.getMessage());
            return new RematchPart(form, errors, refused, runs, unavailable);
        }
        return new RematchPart(form, errors, refused, runs, null);
    }
}
