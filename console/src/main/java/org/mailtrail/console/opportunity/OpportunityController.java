package org.mailtrail.console.opportunity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.mailtrail.console.services.Interaction;
import org.mailtrail.console.services.Matcher;
import org.mailtrail.console.services.Opportunities;
import org.mailtrail.console.services.Opportunity;
import org.mailtrail.console.services.OpportunityQuery;
import org.mailtrail.console.services.ServiceProblem;
import org.mailtrail.platform.web.Page;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

/** The person's opportunities (a sales manager's: everyone's), and one of them with its status changes. */
@Controller
class OpportunityController {

    static final int PAGE_SIZE = 25;
    /** How many of an opportunity's entries its page looks up. */
    static final int MAX_SOURCES = 20;

    /** The list's filters as the form sends them: a status, a contact's id, a salesperson's code. */
    record Filters(@Size(max = 20) String status, @Size(max = 100) String contact,
            @Size(max = 20) String salesperson) {

        OpportunityQuery toQuery() {
            return new OpportunityQuery(blankToNull(contact), blankToNull(salesperson),
                    status != null && Opportunity.STATUSES.contains(status) ? status : null);
        }

        boolean any() {
            return !toQuery().equals(OpportunityQuery.none());
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.trim();
        }
    }

    /**
     * One entry an opportunity came from: the interaction when the person may see it, or why it is not shown.
     *
     * @param note why the entry is missing: not visible to the person, or the matcher did not answer
     */
    record Source(String interactionId, Interaction interaction, String note) {
    }

    private final Opportunities opportunities;
    private final Matcher matcher;

    OpportunityController(Opportunities opportunities, Matcher matcher) {
        this.opportunities = opportunities;
        this.matcher = matcher;
    }

    @GetMapping("/opportunities")
    String list(@Valid @ModelAttribute("filters") Filters filters,
            @RequestParam(required = false) @Size(max = 2000) String cursor, Model model) {
        Page<Opportunity> page = opportunities.opportunities(filters.toQuery(), cursor, PAGE_SIZE);
        model.addAttribute("page", page);
        model.addAttribute("filtered", filters.any());
        model.addAttribute("statuses", statusLabels(Opportunity.STATUSES));
        return "opportunities";
    }

    @GetMapping("/opportunities/{id}")
    String opportunity(@PathVariable @Size(max = 200) String id, Model model) {
        return show(opportunities.opportunity(id), model);
    }

    /**
     * Moves the opportunity to the status asked for, if it is still the version the page showed (its ETag, sent as
     * If-Match). A refusal (the status may not follow the current one, the opportunity is closed, or it changed since
     * the page was shown) shows the opportunity as it is now, with the reason.
     */
    @PostMapping("/opportunities/{id}/status")
    ModelAndView changeStatus(@PathVariable @Size(max = 200) String id,
            @RequestParam @Size(max = 20) String status,
            @RequestParam(name = "version", required = false) @Size(max = 100) String etag,
            RedirectAttributes redirect, HttpServletResponse response, Model model) {
        Opportunity changed;
        try {
            changed = opportunities.changeStatus(id, etag, status);
        } catch (ServiceProblem problem) {
            if (problem.status() != 400 && problem.status() != 409 && problem.status() != 412) {
                throw problem;
            }
            Opportunity current = opportunities.opportunity(id);
            response.setStatus(problem.status());
            model.addAttribute("refusal", problem);
            model.addAttribute("refusalInWords", refusalInWords(problem, current, status));
            return new ModelAndView(show(current, model));
        }
        redirect.addFlashAttribute("changedTo", changed.statusLabel());
        RedirectView page = new RedirectView("/opportunities/" + changed.id(), true);
        page.setStatusCode(HttpStatus.SEE_OTHER);
        page.setExposeModelAttributes(false);
        return new ModelAndView(page);
    }

    /** Statuses with their labels, in order, for the list's filter. */
    private static Map<String, String> statusLabels(List<String> statuses) {
        Map<String, String> labels = new LinkedHashMap<>();
        statuses.forEach(status -> labels.put(status, Opportunity.label(status)));
        return labels;
    }

    /** The status changes the page offers, each with its button's words. */
    private static Map<String, String> transitions(Opportunity opportunity) {
        Map<String, String> actions = new LinkedHashMap<>();
        for (String next : opportunity.nextStatuses()) {
            actions.put(next, switch (next) {
                case Opportunity.IN_PROGRESS -> "Mark as in progress";
                case Opportunity.WON -> "Mark as won";
                case Opportunity.LOST -> "Mark as lost";
                default -> "Mark as " + Opportunity.label(next).toLowerCase(Locale.ROOT);
            });
        }
        return actions;
    }

    private String show(Opportunity opportunity, Model model) {
        List<Source> sources = opportunity.sourceInteractionIds().stream().limit(MAX_SOURCES).map(this::source)
                .toList();
        Interaction first = sources.stream().map(Source::interaction).filter(entry -> entry != null).findFirst()
                .orElse(null);
        model.addAttribute("opportunity", opportunity);
        model.addAttribute("transitions", transitions(opportunity));
        model.addAttribute("sources", sources);
        model.addAttribute("contactName", first == null || !Objects.equals(opportunity.contactId(), first.contactId())
                ? null : first.contactName());
        model.addAttribute("companyName", first == null ? null : first.companyName());
        model.addAttribute("salespersonName",
                first == null || !Objects.equals(opportunity.salespersonCode(), first.salespersonCode()) ? null
                        : first.salespersonName());
        return "opportunity";
    }

    private Source source(String interactionId) {
        try {
            return new Source(interactionId, matcher.interaction(interactionId), null);
        } catch (ServiceProblem e) {
            return new Source(interactionId, null, e.isNotFound() ? "This entry is not in your interaction log."
                    : "The interaction log could not be read just now.");
        }
    }

    /** Why the status did not change, in words; the service's own reason follows on the page. */
    private static String refusalInWords(ServiceProblem problem, Opportunity current, String requested) {
        String number = current.number();
        return switch (problem.status()) {
            case 412 -> number + " was changed by someone else after this page was shown; it is now "
                    + current.statusLabel() + ". Nothing was changed: look at it as it is now and choose again.";
            case 409 -> {
                if (current.closed()) {
                    yield number + " is " + current.statusLabel() + ": a won or lost opportunity no longer changes.";
                }
                if (current.nextStatuses().contains(requested)) {
                    yield number + " was being changed by someone else at the same moment. Nothing was changed: "
                            + "look at it as it is now and choose again.";
                }
                yield number + " is " + current.statusLabel() + " and cannot become " + Opportunity.label(requested)
                        + " from there. Nothing was changed.";
            }
            default -> "The status was not changed: the service did not accept the request.";
        };
    }
}
