package org.vigil.controller;

import java.util.List;
import java.util.Map;
import org.vigil.cib.Lrm;

/**
 * A node's own operation history as its executor keeps it: recorded after every operation, read only when
 * a DC asks for it. Recorded as the DC records, at the resource's known place ({@link LrmPositions}), so
 * a rebooted node's probes (one result per configured resource) neither search nor copy the whole history.
 */
final class HistoryBook {
    private final String node;
    private final LrmPositions positions = new LrmPositions();
    private Lrm lrm;

    HistoryBook(String node) {
        this.node = node;
        clear();
    }

    void record(OpRecord op) {
        lrm = positions.record(node, lrm, op); // notifications leave no trace, as in OperationHistory
    }

    void clear() {
        positions.clear();
        lrm = new Lrm(node, Map.of(), null, List.of());
    }

    Lrm lrm() {
        return lrm;
    }
}
