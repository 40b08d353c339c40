package org.vigil.controller;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.cib.Lrm;
import org.vigil.cib.LrmResource;

/**
 * A node's own operation history as its executor keeps it: recorded after every operation, read only when
 * a DC asks for it. Resources are indexed by id, so recording does not search and copy the whole history
 * (a rebooted node's probes record one result per configured resource); the {@link Lrm} is built when read.
 */
final class HistoryBook {
    private final String node;
    private final Map<String, LrmResource> resources = new LinkedHashMap<>();
    private Lrm built;

    HistoryBook(String node) {
        this.node = node;
    }

    void record(OpRecord op) {
        if (op.task().equals("notify")) {
            return; // notifications leave no trace, as in OperationHistory
        }
        resources.put(op.resource(), OperationHistory.recorded(resources.get(op.resource()), op));
        built = null;
    }

    void clear() {
        resources.clear();
        built = null;
    }

    Lrm lrm() {
        if (built == null) {
            built = new Lrm(node, Map.of(), null, List.copyOf(resources.values()));
        }
        return built;
    }
}
