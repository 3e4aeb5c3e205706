package org.mailtrail.matcher.interactionlog.web;

import org.mailtrail.matcher.directory.domain.DirectoryService;
import org.mailtrail.matcher.interactionlog.domain.Viewer;
import org.mailtrail.platform.security.Caller;
import org.mailtrail.platform.security.Roles;
import org.springframework.stereotype.Component;

/**
 * The caller of a request as a reader of the log: a sales manager sees everyone's interactions, anyone else those
 * of the salespeople the directory says it is (by the addresses its token names).
 */
@Component
public class Viewers {

    private final DirectoryService directory;

    Viewers(DirectoryService directory) {
        this.directory = directory;
    }

    public Viewer current() {
        Caller caller = Caller.current();
        if (caller.has(Roles.SALES_MANAGER)) {
            return Viewer.everyone();
        }
        return Viewer.salespeople(directory.salespersonCodesOf(caller.addresses()));
    }
}
