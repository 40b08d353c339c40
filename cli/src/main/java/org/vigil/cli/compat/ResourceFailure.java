package org.vigil.cli.compat;

import java.util.List;
import java.util.TreeMap;
import org.vigil.cib.Cib;
import org.vigil.cib.Lrm;
import org.vigil.cib.LrmResource;
import org.vigil.cib.LrmRscOp;
import org.vigil.cib.NodeState;
import org.vigil.cib.Primitive;

/**
 * {@code crm_resource -F/--fail -r RSC -N NODE} on a live cluster: what Pacemaker's controller records when asked to
 * fail a resource (fail_lrm_resource), a failed {@code asyncmon} result ("Simulated failure", rc 1) in the node's
 * history of the resource, written into the CIB status so that the DC recovers the resource as after any failure.
 */
final class ResourceFailure {
    /** Above any call id a real executor reaches, so the simulated result is the newest of the history. */
    static final int CALL_ID = 900_000;

    private ResourceFailure() {}

    /**
     * {@code cib} with the failure recorded on {@code node} under {@code historyId} (the primitive's id, an anonymous
     * clone's base id); the resource's history there is created when the node has none.
     */
    static Cib record(Cib cib, Primitive p, String historyId, String node, long nowSeconds) {
        NodeState state = cib.status().nodeState(node).orElseThrow(
                () -> new IllegalArgumentException("node " + node + " has no status entry"));
        LrmRscOp failed = LrmRscOp.recorded(historyId + "_last_failure_0", "asyncmon", 0, CALL_ID, 1, 0, nowSeconds, 0,
                "0:0:0:00000000-0000-0000-0000-000000000000", node, "Simulated failure", new TreeMap<>());
        Lrm lrm = state.lrm() == null ? new Lrm(state.id(), java.util.Map.of(), null, List.of()) : state.lrm();
        List<LrmResource> resources = lrm.resources();
        for (int i = 0; i < resources.size(); i++) {
            LrmResource r = resources.get(i);
            if (r.id().equals(historyId)) {
                List<LrmRscOp> ops = new java.util.ArrayList<>(r.ops());
                ops.removeIf(o -> o.id().equals(failed.id()));
                ops.add(failed);
                return cib.withStatus(cib.status().withNodeState(state.withLrm(lrm.withResource(i, r.withOps(ops)))));
            }
        }
        LrmResource created = new LrmResource(historyId, p.resourceClass(), p.provider(), p.type(), java.util.Map.of(),
                List.of(failed));
        return cib.withStatus(cib.status().withNodeState(state.withLrm(lrm.plusResource(created))));
    }
}
