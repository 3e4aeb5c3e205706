package org.mailtrail.console.services;

/** config-service: the audit trail, who changed what and when. */
public class Audit {

    private final ServiceClients.ServiceClient client;

    Audit(ServiceClients.ServiceClient client) {
        this.client = client;
    }
}
