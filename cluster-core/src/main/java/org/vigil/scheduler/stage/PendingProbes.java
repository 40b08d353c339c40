package org.vigil.scheduler.stage;

import org.vigil.scheduler.Action;
import org.vigil.scheduler.Edge;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.node.SchedNode;
import org.vigil.scheduler.resource.PrimitiveRsc;
import org.vigil.scheduler.resource.Rsc;

/**
 * A resource whose state is unknown on a pending node (a member whose controller has not joined yet) cannot
 * be probed there, and Pacemaker will not start it anywhere until it can be: the probe exists but is
 * unrunnable and blocks the starts of the resource (or of the instances of its collective) not active yet.
 */
final class PendingProbes {
    private PendingProbes() {}

    static void block(WorkingSet ws) {
        for (SchedNode n : ws.nodes) {
            if (!n.pending || !n.online || n.unclean) {
                continue;
            }
            for (PrimitiveRsc p : ws.primitives) {
                if (!p.managed || p.orphan || !MonitorsStage.needsProbe(ws, p, n)) {
                    continue;
                }
                Rsc top = p.top();
                if (top == p) {
                    if (p.runningOn.isEmpty()) {
                        for (Action a : p.findActions("start")) {
                            a.runnable = false;
                        }
                    }
                    continue;
                }
                // of a collective, the instances that would start now wait; those already active stay
                Action probe = ws.action(p, "monitor", n, 0, false);
                probe.runnable = false;
                java.util.List<PrimitiveRsc> members = new java.util.ArrayList<>();
                top.collectPrimitives(members);
                for (PrimitiveRsc q : members) {
                    if (q.runningOn.isEmpty()) {
                        for (Action a : q.findActions("start")) {
                            ws.order(probe, a, Edge.OPTIONAL | Edge.RUNNABLE_LEFT);
                        }
                    }
                }
            }
        }
    }
}
