package org.vigil.controller;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vigil.cib.Lrm;
import org.vigil.cib.LrmResource;

/**
 * Where each resource sits in the history the DC last wrote for each node, so that recording a result
 * does not search the node's whole history (a rebooted node's probes bring one result per configured
 * resource). An index is only trusted for the very {@link Lrm} object it was made for: a history written
 * by anything else (a join, a fence) is indexed afresh.
 */
final class LrmPositions {
    private final Map<String, Indexed> byNode = new HashMap<>();

    private static final class Indexed {
        Lrm lrm;
        // sized for a rejoining node's probes, which add one entry per configured resource
        final Map<String, Integer> position = new HashMap<>(512);

        Indexed(Lrm lrm) {
            this.lrm = lrm;
            List<LrmResource> resources = lrm.resources();
            for (int i = 0; i < resources.size(); i++) {
                position.putIfAbsent(resources.get(i).id(), i); // the first entry, as a search would find
            }
        }
    }

    /** {@link OperationHistory#record(Lrm, OpRecord)}, with the same result. */
    Lrm record(String node, Lrm lrm, OpRecord op) {
        if (lrm == null || op.task().equals("notify")) {
            return OperationHistory.record(lrm, op);
        }
        Indexed ix = byNode.get(node);
        if (ix == null || ix.lrm != lrm) {
            ix = new Indexed(lrm);
            byNode.put(node, ix);
        }
        Integer at = ix.position.get(op.resource());
        LrmResource updated = OperationHistory.recorded(at == null ? null : lrm.resources().get(at), op);
        Lrm out;
        if (at != null) {
            out = lrm.withResource(at, updated);
        } else {
            ix.position.put(op.resource(), lrm.resources().size());
            out = lrm.plusResource(updated);
        }
        ix.lrm = out;
        return out;
    }

    void clear() {
        byNode.clear();
    }
}
