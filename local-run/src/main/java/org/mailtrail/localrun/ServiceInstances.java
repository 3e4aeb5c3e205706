package org.mailtrail.localrun;

import java.util.List;

/**
 * Every instance of one service and the one address everyone reaches the service at: the instance itself when there
 * is one, a {@link FrontRelay} on the service's standard port when there are several.
 */
final class ServiceInstances {

    private final String name;
    private final int port;
    private final List<ServiceProcess> instances;

    ServiceInstances(String name, int port, List<ServiceProcess> instances) {
        this.name = name;
        this.port = port;
        this.instances = List.copyOf(instances);
    }

    /** Where other services, the console, Graph's notifications and the tests reach the service. */
    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** @param number from 1 */
    ServiceProcess instance(int number) {
        if (number < 1 || number > instances.size()) {
            throw new IllegalArgumentException(name + " has instances 1 to " + instances.size() + ", not " + number);
        }
        return instances.get(number - 1);
    }

    List<ServiceProcess> all() {
        return instances;
    }
}
