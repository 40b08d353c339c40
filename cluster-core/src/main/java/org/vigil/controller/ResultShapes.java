package org.vigil.controller;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a history writes for results of one operation (resource, task, interval, extra attributes): the
 * names of its entries and its sorted attributes, made once. Every result is recorded twice (by the node's
 * executor and by the DC), and a cluster repeats the same operations all day (a rejoining node probes
 * every resource). Bounded: a long-lived node starts afresh now and then.
 */
final class ResultShapes {
    private static final int LIMIT = 8192;

    /** @param attributes extra attributes, operation_key, crm_feature_set and queue-time; unmodifiable */
    record Shape(String operationKey, String lastId, String failureId, SortedMap<String, String> attributes) {}

    private record Key(Map<String, String> extra, String resource, String task, long intervalMs) {
        // written out: the generated ones go through method handles, and every result looks one up
        @Override
        public int hashCode() {
            return ((extra.hashCode() * 31 + resource.hashCode()) * 31 + task.hashCode()) * 31
                    + Long.hashCode(intervalMs);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && intervalMs == k.intervalMs && resource.equals(k.resource)
                    && task.equals(k.task) && extra.equals(k.extra);
        }
    }

    private final Map<Key, Shape> known = new HashMap<>();

    Shape of(OpRecord op) {
        Key key = new Key(op.extra(), op.resource(), op.task(), op.intervalMs());
        Shape shape = known.get(key);
        if (shape == null) {
            if (known.size() >= LIMIT) {
                known.clear();
            }
            shape = shapeOf(op);
            known.put(key, shape);
        }
        return shape;
    }

    static Shape shapeOf(OpRecord op) {
        Objects.requireNonNull(op.resource(), "resource");
        TreeMap<String, String> attributes = new TreeMap<>(op.extra());
        attributes.put("operation_key", op.operationKey());
        attributes.put("crm_feature_set", "3.16.2");
        attributes.put("queue-time", "0");
        return new Shape(op.operationKey(), op.resource() + "_last_0", op.resource() + "_last_failure_0",
                Collections.unmodifiableSortedMap(attributes));
    }
}
