package org.mailtrail.platform.messaging;

import java.util.List;

/** The CloudEvents 1.0 Kafka binary-mode headers every mailtrail record carries. */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String JSON = "application/json";

    public static final List<String> ALL = List.of(ID, TYPE, SOURCE, SPEC_VERSION, TIME, CONTENT_TYPE);

    private CloudEventHeaders() {
    }
}
