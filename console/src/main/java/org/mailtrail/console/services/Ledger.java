package org.mailtrail.console.services;

/** interaction-matcher: the completeness ledger of each connection, and its failed mails. */
public class Ledger {

    private final ServiceClients.ServiceClient client;

    Ledger(ServiceClients.ServiceClient client) {
        this.client = client;
    }
}
