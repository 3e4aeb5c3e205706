package org.mailtrail.console.services;

/** interaction-matcher: a contact's card and its timeline, grouped by conversation. */
public class Contacts {

    private final ServiceClients.ServiceClient client;

    Contacts(ServiceClients.ServiceClient client) {
        this.client = client;
    }
}
