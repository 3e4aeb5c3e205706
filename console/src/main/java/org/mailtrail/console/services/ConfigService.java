package org.mailtrail.console.services;

/** config-service: connections, their checks and consent, the audit trail. */
public class ConfigService {

    private final ServiceClients.ServiceClient client;

    ConfigService(ServiceClients.ServiceClient client) {
        this.client = client;
    }

    ServiceClients.ServiceClient client() {
        return client;
    }
}
