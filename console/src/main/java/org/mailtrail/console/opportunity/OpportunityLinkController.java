package org.mailtrail.console.opportunity;

import org.mailtrail.console.services.Interaction;
import org.mailtrail.console.services.Matcher;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Undoing the link interaction-matcher made from an entry to an opportunity because the entry's mail belongs to the
 * opportunity's conversation. Only a sales manager may, and only such a link: the matcher refuses the rest (409), and
 * an entry the person may not see is not found (404); the page shows either refusal as it comes.
 */
@Controller
class OpportunityLinkController {

    private final Matcher matcher;

    OpportunityLinkController(Matcher matcher) {
        this.matcher = matcher;
    }

    /**
     * htmx (the log) gets the entry's opportunity part again, which now offers to create one; a page without htmx
     * goes back to where the entry was shown: the log, the contact's timeline, or the entry itself.
     */
    @PostMapping("/log/{interactionId}/opportunity/unlink")
    String unlink(@PathVariable @Size(max = 200) String interactionId,
            @RequestParam(defaultValue = "log") @Pattern(regexp = "log|contact|entry") String from,
            @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        Interaction entry = matcher.unlinkOpportunity(interactionId);
        if (htmx != null) {
            model.addAttribute("entry", entry);
            model.addAttribute("from", from);
            return "interaction-parts :: opportunity";
        }
        String back = switch (from) {
            case "contact" -> UriComponentsBuilder.fromPath("/contacts/{id}").buildAndExpand(entry.contactId())
                    .encode().toUriString();
            case "entry" -> UriComponentsBuilder.fromPath("/log/{id}/opportunity").buildAndExpand(interactionId)
                    .encode().toUriString();
            default -> "/log";
        };
        return "redirect:" + back;
    }
}
