package org.vigil.cib;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole CIB: root attributes (version, validate-with, have-quorum, dc-uuid, ...), configuration and
 * status. Immutable; every change makes a new value.
 */
public record Cib(Map<String, String> attributes, Configuration configuration, Status status) {
    public static final String ADMIN_EPOCH = "admin_epoch";
    public static final String EPOCH = "epoch";
    public static final String NUM_UPDATES = "num_updates";

    public Cib {
        attributes = Copies.sorted(attributes);
        configuration = configuration == null ? Configuration.EMPTY : configuration;
        status = status == null ? Status.EMPTY : status;
    }

    /** An empty CIB in the current Pacemaker schema, version 0:0:0. */
    public static Cib empty() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("validate-with", "pacemaker-3.9");
        a.put("crm_feature_set", "3.19.0");
        a.put(ADMIN_EPOCH, "0");
        a.put(EPOCH, "0");
        a.put(NUM_UPDATES, "0");
        return new Cib(a, Configuration.EMPTY, Status.EMPTY);
    }

    public String attribute(String name) {
        return attributes.get(name);
    }

    public CibVersion version() {
        return new CibVersion(number(ADMIN_EPOCH), number(EPOCH), number(NUM_UPDATES));
    }

    public Cib withVersion(CibVersion v) {
        Map<String, String> a = new LinkedHashMap<>(attributes);
        a.put(ADMIN_EPOCH, Long.toString(v.adminEpoch()));
        a.put(EPOCH, Long.toString(v.epoch()));
        a.put(NUM_UPDATES, Long.toString(v.numUpdates()));
        return new Cib(a, configuration, status);
    }

    public Cib withAttribute(String name, String value) {
        Map<String, String> a = new LinkedHashMap<>(attributes);
        if (value == null) {
            a.remove(name);
        } else {
            a.put(name, value);
        }
        return new Cib(a, configuration, status);
    }

    public Cib withConfiguration(Configuration c) {
        return new Cib(attributes, c, status);
    }

    public Cib withStatus(Status s) {
        return new Cib(attributes, configuration, s);
    }

    private long number(String key) {
        String v = attributes.get(key);
        if (v == null) {
            return 0;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
