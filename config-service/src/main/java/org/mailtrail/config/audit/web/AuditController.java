package org.mailtrail.config.audit.web;

import org.mailtrail.config.audit.domain.AuditEntry;
import org.mailtrail.config.audit.domain.AuditLog;
import org.mailtrail.platform.web.Page;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@RestController
@RequestMapping("/api/audit")
@Validated
@Tag(name = "Audit", description = "Who changed which connection, when, and which fields (never secret values)")
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping
    @Operation(summary = "The audit log, newest first; pass nextCursor as cursor for the next page")
    Page<AuditEntry> list(@RequestParam(required = false) String connectionId,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return audit.list(connectionId, cursor, limit);
    }
}
