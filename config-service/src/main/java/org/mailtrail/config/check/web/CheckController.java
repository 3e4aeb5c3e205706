package org.mailtrail.config.check.web;

import java.security.Principal;

import org.mailtrail.config.check.domain.CheckReport;
import org.mailtrail.config.check.domain.CheckService;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;

@RestController
@RequestMapping("/api/connections")
@Validated
@Tag(name = "Connections")
@SecurityRequirement(name = "bearer")
class CheckController {

    private final CheckService checks;

    CheckController(CheckService checks) {
        this.checks = checks;
    }

    @PostMapping("/{id}/check")
    @Operation(summary = "Run the setup checks",
            description = "clientSecret, token, mailbox, sourceFolder, archiveFolder, movePermission, subscription; each with status (PASSED, WARNING, FAILED, SKIPPED), message and remedy. Answers 200 whether or not they pass. createArchiveFolder=true creates a missing archive folder (or adopts a top-level folder of that name) and makes the connection name it by id.")
    CheckReport check(@PathVariable @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}") String id,
            @RequestParam(defaultValue = "false") boolean createArchiveFolder, Principal caller) {
        return checks.check(id, createArchiveFolder, caller.getName());
    }

    @GetMapping("/{id}/check")
    @Operation(summary = "The latest check report of the connection (404 when it was never checked)")
    ResponseEntity<CheckReport> latest(@PathVariable @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}") String id) {
        return ResponseEntity.of(checks.latest(id));
    }
}
