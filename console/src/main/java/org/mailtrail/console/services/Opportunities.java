package org.mailtrail.console.services;

/** opportunity-service: promotions and opportunities. */
public class Opportunities {

    private final ServiceClients.ServiceClient client;

    Opportunities(ServiceClients.ServiceClient client) {
        this.client = client;
    }

    ServiceClients.ServiceClient client() {
        return client;
    }
}
