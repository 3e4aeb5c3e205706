package org.mailtrail.console.audit;

import java.util.Map;

import org.mailtrail.console.services.Audit;
import org.mailtrail.console.services.AuditEntry;
import org.mailtrail.platform.web.Page;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.validation.constraints.Size;

@Controller
class AuditController {

    static final int PAGE_SIZE = 50;

    /** config-service's actions in words; an action the console does not know yet shows its name. */
    static final Map<String, String> ACTIONS = Map.of(
            "CONNECTION_CREATED", "Connection created",
            "CONNECTION_UPDATED", "Connection changed",
            "CONNECTION_DELETED", "Connection deleted",
            "CONNECTION_ENABLED", "Connection enabled",
            "CONNECTION_DISABLED", "Connection disabled",
            "ARCHIVE_FOLDER_SET", "Archive folder set by the setup check",
            "CONSENT_GRANTED", "Consent granted",
            "TOKEN_RENEWED", "Token renewed",
            "SECRETS_RE_ENCRYPTED", "Secrets re-encrypted",
            "ISSUER_KEY_ROTATED", "Sign-in key rotated");

    private final Audit audit;

    AuditController(Audit audit) {
        this.audit = audit;
    }

    @GetMapping("/audit")
    String audit(@RequestParam(required = false) @Size(max = 100) String connection,
            @RequestParam(required = false) @Size(max = 2000) String cursor,
            @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        String connectionId = connection == null || connection.isBlank() ? null : connection.trim();
        Page<AuditEntry> page = audit.entries(connectionId, cursor, PAGE_SIZE);
        model.addAttribute("page", page);
        model.addAttribute("connection", connectionId);
        model.addAttribute("firstPage", cursor == null || cursor.isBlank());
        model.addAttribute("actions", ACTIONS);
        return htmx != null ? "audit :: results" : "audit";
    }
}
