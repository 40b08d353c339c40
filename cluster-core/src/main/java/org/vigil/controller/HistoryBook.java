package org.vigil.controller;

import java.util.ArrayList;
import java.util.HashMap;
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
    private final List<LrmResource> resources = new ArrayList<>();
    private final Map<String, Integer> position = new HashMap<>();
    private Lrm built;

    HistoryBook(String node) {
        this.node = node;
    }

    void record(OpRecord op) {
        if (op.task().equals("notify")) {
            return; // notifications leave no trace, as in OperationHistory
        }
        Integer at = position.get(op.resource());
        if (at == null) {
            position.put(op.resource(), resources.size());
            resources.add(OperationHistory.recorded(null, op));
        } else {
            resources.set(at, OperationHistory.recorded(resources.get(at), op));
        }
        built = null;
    }

    void clear() {
        resources.clear();
        position.clear();
        built = null;
    }

    Lrm lrm() {
        if (built == null) {
            built = new Lrm(node, Map.of(), null, List.copyOf(resources));
        }
        return built;
    }
}
