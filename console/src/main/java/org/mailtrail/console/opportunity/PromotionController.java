package org.mailtrail.console.opportunity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.mailtrail.console.services.Interaction;
import org.mailtrail.console.services.Matcher;
import org.mailtrail.console.services.Opportunities;
import org.mailtrail.console.services.Opportunity;
import org.mailtrail.console.services.Promotion;
import org.mailtrail.console.services.ServiceProblem;
import org.mailtrail.platform.problem.FieldProblem;
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
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

/**
 * "Create opportunity" on an interaction log entry: the form, the request to opportunity-service, and the page that
 * follows the promotion until it is decided.
 */
@Controller
class PromotionController {

    private static final Logger log = LoggerFactory.getLogger(PromotionController.class);

    private final Matcher matcher;
    private final Opportunities opportunities;

    PromotionController(Matcher matcher, Opportunities opportunities) {
        this.matcher = matcher;
        this.opportunities = opportunities;
    }

    /** The entry and the form; an entry that already has its opportunity says so instead. */
    @GetMapping("/log/{interactionId}/opportunity")
    String form(@PathVariable @Size(max = 200) String interactionId, Model model) {
        Interaction entry = matcher.interaction(interactionId);
        return showForm(model, entry, PromotionForm.prefilled(entry), Map.of(), null);
    }

    /**
     * Sends the promotion with the form's Idempotency-Key and goes on to its status page (303, so reloading that page
     * sends nothing). Field errors show next to the form with the values kept; a key sent before with other values is
     * explained, with what that first request became.
     */
    @PostMapping("/log/{interactionId}/opportunity")
    ModelAndView promote(@PathVariable @Size(max = 200) String interactionId,
            @Valid @ModelAttribute("form") PromotionForm form, HttpSession session, HttpServletResponse response,
            Model model) {
        Map<String, List<String>> unreadable = form.unreadable();
        if (!unreadable.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return new ModelAndView(showForm(model, matcher.interaction(interactionId), form, unreadable, null));
        }
        String key = form.key();
        Promotion promotion;
        try {
            promotion = opportunities.promote(interactionId, key, form.terms());
        } catch (ServiceProblem problem) {
            return new ModelAndView(refused(interactionId, form, key, problem, session, response, model));
        }
        SentPromotions.of(session).remember(interactionId, key, promotion.commandId());
        RedirectView status = new RedirectView("/promotions/" + promotion.commandId(), true);
        status.setStatusCode(HttpStatus.SEE_OTHER);
        status.setExposeModelAttributes(false);
        return new ModelAndView(status);
    }

    /**
     * The promotion's status. While it is pending the page asks again every second (htmx); such a request is answered
     * with 204, which changes nothing, until the promotion is decided, and then with what came of it, which ends the
     * polling. A service that does not answer a poll is asked again at the next one.
     */
    @GetMapping("/promotions/{commandId}")
    String status(@PathVariable @Size(max = 200) String commandId,
            @RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletResponse response,
            Model model) {
        boolean poll = htmx != null;
        Promotion promotion;
        try {
            promotion = opportunities.promotion(commandId);
        } catch (ServiceProblem problem) {
            if (poll && problem.status() >= 500) {
                log.debug("promotion {} not checked this time: {}", commandId, problem.getMessage());
                response.setStatus(HttpStatus.NO_CONTENT.value());
                return null;
            }
            throw problem;
        }
        if (poll && promotion.pending()) {
            response.setStatus(HttpStatus.NO_CONTENT.value());
            return null;
        }
        model.addAttribute("promotion", promotion);
        if (promotion.accepted()) {
            Opportunity opportunity = quietly(() -> opportunities.opportunity(promotion.opportunityId()));
            model.addAttribute("opportunity", opportunity);
            model.addAttribute("alreadyPromoted", alreadyThere(opportunity, promotion));
        }
        if (poll) {
            return "promotion :: status";
        }
        model.addAttribute("entry", quietly(() -> matcher.interaction(promotion.interactionId())));
        return "promotion";
    }

    private String refused(String interactionId, PromotionForm form, String key, ServiceProblem problem,
            HttpSession session, HttpServletResponse response, Model model) {
        if (problem.status() == 400 && !problem.errors().isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return showForm(model, matcher.interaction(interactionId), form, byField(problem.errors()), null);
        }
        if (problem.status() == 422) {
            // The key was sent before with other values (the form was sent, then changed and sent again). Sending
            // these values needs a new key; the first request goes on, and the page says where to follow it.
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("earlierPromotion", SentPromotions.of(session).commandId(interactionId, key));
            return showForm(model, matcher.interaction(interactionId), form.withNewKey(), Map.of(), problem);
        }
        if (problem.status() >= 500) {
            // Nothing was promised: the same form (same key) may be sent again.
            response.setStatus(problem.status());
            return showForm(model, matcher.interaction(interactionId), form, Map.of(), problem);
        }
        throw problem;
    }

    private static String showForm(Model model, Interaction entry, PromotionForm form,
            Map<String, List<String>> errors, ServiceProblem problem) {
        model.addAttribute("entry", entry);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("otherErrors", otherErrors(errors));
        model.addAttribute("refusal", problem);
        return "opportunity-new";
    }

    /** The service's field errors by field; several for one field are kept in order. */
    private static Map<String, List<String>> byField(List<FieldProblem> problems) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        problems.forEach(problem -> errors.computeIfAbsent(problem.field(), field -> new ArrayList<>())
                .add(problem.reason()));
        return errors;
    }

    /** Errors of no field the form shows (a header, the path): shown above the form. */
    private static List<String> otherErrors(Map<String, List<String>> errors) {
        List<String> other = new ArrayList<>();
        errors.forEach((field, reasons) -> {
            if (!PromotionForm.FIELDS.contains(field)) {
                reasons.forEach(reason -> other.add(field + ": " + reason));
            }
        });
        return other;
    }

    /**
     * Whether the entry had its opportunity before this promotion was asked for: the service then answers with that
     * one, unchanged, and the values given were not applied.
     */
    private static boolean alreadyThere(Opportunity opportunity, Promotion promotion) {
        return opportunity != null && opportunity.createdAt() != null && promotion.requestedAt() != null
                && opportunity.createdAt().isBefore(promotion.requestedAt());
    }

    /** What a page can do without: a refusal leaves it out. */
    private static <T> T quietly(Supplier<T> call) {
        try {
            return call.get();
        } catch (ServiceProblem e) {
            log.debug("left out of the page: {}", e.getMessage());
            return null;
        }
    }
}
