package org.mailtrail.matcher.interactionlog.web;

import org.mailtrail.matcher.directory.domain.ContactVisibility;
import org.mailtrail.matcher.interactionlog.domain.InteractionReader;
import org.mailtrail.platform.security.Caller;
import org.mailtrail.platform.security.Roles;
import org.springframework.stereotype.Component;

/** Managers, admins and importers see every contact; anyone else those it has interactions with. */
@Component
class CallerContactVisibility implements ContactVisibility {

    private final InteractionReader interactions;
    private final Viewers viewers;

    CallerContactVisibility(InteractionReader interactions, Viewers viewers) {
        this.interactions = interactions;
        this.viewers = viewers;
    }

    @Override
    public boolean visibleToCaller(String contactId) {
        Caller caller = Caller.current();
        if (caller.has(Roles.SALES_MANAGER) || caller.has(Roles.ADMIN) || caller.has(Roles.DIRECTORY_IMPORTER)) {
            return true;
        }
        return interactions.seesAnyWith(contactId, viewers.current());
    }
}
