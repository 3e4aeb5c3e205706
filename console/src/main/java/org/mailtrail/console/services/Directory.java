package org.mailtrail.console.services;

/** interaction-matcher: the directory's counts and its imports of contacts and salespeople. */
public class Directory {

    private final ServiceClients.ServiceClient client;

    Directory(ServiceClients.ServiceClient client) {
        this.client = client;
    }
}
