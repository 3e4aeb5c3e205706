package org.mailtrail.console.log;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import java.util.List;

import org.mailtrail.console.services.Caller;
import org.mailtrail.console.services.ConnectionStates;
import org.mailtrail.console.services.ConnectionStates.ConnectionState;
import org.mailtrail.console.services.Interaction;
import org.mailtrail.console.services.LogFilter;
import org.mailtrail.console.services.Matcher;
import org.mailtrail.console.services.OpenedMail;
import org.mailtrail.console.services.ServiceProblem;
import org.mailtrail.platform.web.Page;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

@Controller
class LogController {

    static final int PAGE_SIZE = 25;

    /** The mail page's policy: its own style sheet and nothing else; forms only to the console (signing out). */
    static final String MAIL_PAGE_POLICY = "default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self'; "
            + "font-src 'self'; connect-src 'none'; frame-src 'none'; object-src 'none'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    /**
     * The log's filters as the form sends them: ids (a contact's or company's, a salesperson's code), a direction,
     * and a period in days of the person's own time zone ({@code to} inclusive).
     */
    record Filters(@Size(max = 100) String contact, @Size(max = 100) String company,
            @Size(max = 20) String salesperson, @Size(max = 10) String direction,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, @Size(max = 60) String tz) {

        LogFilter toLogFilter() {
            ZoneId zone = zone();
            return new LogFilter(blankToNull(contact), blankToNull(company), blankToNull(salesperson),
                    "INBOUND".equals(direction) || "OUTBOUND".equals(direction) ? direction : null,
                    from == null ? null : from.atStartOfDay(zone).toInstant(),
                    to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant());
        }

        boolean any() {
            return toLogFilter().equals(LogFilter.none()) == false;
        }

        private ZoneId zone() {
            try {
                return tz == null || tz.isBlank() ? ZoneOffset.UTC : ZoneId.of(tz);
            } catch (DateTimeException e) {
                return ZoneOffset.UTC;
            }
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.trim();
        }
    }

    private final Matcher matcher;
    private final LiveLog live;
    private final ConnectionStates connections;

    LogController(Matcher matcher, LiveLog live, ConnectionStates connections) {
        this.matcher = matcher;
        this.live = live;
        this.connections = connections;
    }

    @GetMapping("/")
    String home(@ModelAttribute("caller") Caller caller) {
        return caller != null && caller.isAdmin() && !caller.readsTheLog() ? "redirect:/connections" : "redirect:/log";
    }

    @GetMapping("/log")
    String log(@Valid @ModelAttribute Filters filters, @RequestParam(required = false) @Size(max = 2000) String cursor,
            @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        Page<Interaction> page = matcher.interactions(filters.toLogFilter(), cursor, PAGE_SIZE);
        model.addAttribute("page", page);
        model.addAttribute("filters", filters);
        model.addAttribute("filtered", filters.any());
        model.addAttribute("firstPage", cursor == null || cursor.isBlank());
        if (page.items().isEmpty() && !filters.any()) {
            model.addAttribute("connections", connectionStates());
        }
        return htmx != null ? "log :: results" : "log";
    }

    /** Why the log may be empty: the connections and whether each is on; unknown when config-service is away. */
    private List<ConnectionState> connectionStates() {
        try {
            return connections.all();
        } catch (ServiceProblem e) {
            return null;
        }
    }

    /**
     * "Open email": a Graph mail opens in Outlook on the web at the fresh link the matcher redirects to; an IMAP mail,
     * which no browser opens by its link, is shown on a page of its own. A service's refusal (no link, a mail not
     * found, its server away) is shown as every refusal is.
     */
    @GetMapping("/log/{id}/mail")
    String openMail(@PathVariable @Size(max = 200) String id, Model model, HttpServletResponse response) {
        OpenedMail opened = matcher.openMail(id);
        if (opened instanceof OpenedMail.AtLink link) {
            return "redirect:" + link.webLink();
        }
        // The mail is anyone's writing: whatever the sanitising missed, the browser runs no script, loads nothing
        // from elsewhere, and shows the page in no frame of another site.
        response.setHeader("Content-Security-Policy", MAIL_PAGE_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        model.addAttribute("mail", MailPage.of(((OpenedMail.AsContent) opened).content()));
        model.addAttribute("interactionId", id);
        return "mail";
    }

    /** Tells the page when its first page of entries changed, so it fetches it again. */
    @GetMapping("/log/live")
    SseEmitter live(@Valid @ModelAttribute Filters filters, Authentication person) {
        return live.subscribe(person, filters.toLogFilter());
    }
}
