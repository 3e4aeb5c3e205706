package org.mailtrail.matcher.directory.web;

import java.util.Set;
import java.util.TreeSet;

import org.mailtrail.matcher.directory.domain.DirectoryService;
import org.mailtrail.platform.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Directory")
class CallerController {

    /**
     * The signed-in caller as mailtrail sees it.
     *
     * @param salespersonCodes the salespeople the directory says the caller is, by the addresses its token names
     */
    record CallerView(String subject, String name, Set<String> roles, Set<String> salespersonCodes) {
    }

    private final DirectoryService directory;

    CallerController(DirectoryService directory) {
        this.directory = directory;
    }

    @Operation(summary = "Who the caller is to mailtrail: its roles and the salespeople it is in the directory")
    @GetMapping("/api/me")
    CallerView me() {
        Caller caller = Caller.current();
        return new CallerView(caller.subject(), caller.name(), new TreeSet<>(caller.roles()),
                directory.salespersonCodesOf(caller.addresses()));
    }
}
