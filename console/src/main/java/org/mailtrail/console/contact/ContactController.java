package org.mailtrail.console.contact;

import org.mailtrail.console.services.ContactCard;
import org.mailtrail.console.services.Contacts;
import org.mailtrail.console.services.Conversation;
import org.mailtrail.platform.web.Page;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.validation.constraints.Size;

@Controller
class ContactController {

    static final int CONVERSATIONS_PER_PAGE = 20;

    private final Contacts contacts;

    ContactController(Contacts contacts) {
        this.contacts = contacts;
    }

    /**
     * The contact's card and its conversations. A contact the person may not see the matcher answers with 404, as
     * one that does not exist, and the page says so (before the timeline is asked for).
     */
    @GetMapping("/contacts/{contactId}")
    String contact(@PathVariable @Size(max = 200) String contactId,
            @RequestParam(required = false) @Size(max = 2000) String cursor, Model model) {
        ContactCard card = contacts.contact(contactId);
        Page<Conversation> timeline = contacts.timeline(contactId, cursor, CONVERSATIONS_PER_PAGE);
        model.addAttribute("contact", card);
        model.addAttribute("timeline", timeline);
        model.addAttribute("firstPage", cursor == null || cursor.isBlank());
        return "contact";
    }
}
