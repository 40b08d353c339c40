package org.vigil.scheduler.stage;

import org.vigil.scheduler.Action;
import org.vigil.scheduler.Stage;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.constraint.OrderConstraints;
import org.vigil.scheduler.constraint.OrderSpec;
import org.vigil.scheduler.constraint.RemoteConstraints;
import org.vigil.scheduler.node.SchedNode;
import org.vigil.scheduler.resource.PrimitiveActions;
import org.vigil.scheduler.resource.Rsc;

/** Creates fencing and resource actions, then internal and configured orderings between them. */
public final class ActionsStage implements Stage {
    @Override
    public String name() {
        return "create actions and orderings";
    }

    @Override
    public void run(WorkingSet ws) {
        String fenceKind = ws.properties.getOrDefault("stonith-action",
                ws.properties.getOrDefault("fencing-action", "reboot"));
        if (fenceKind.equals("poweroff")) {
            fenceKind = "off";
        }
        ws.fenceKind = fenceKind;
        for (SchedNode n : ws.nodes) {
            if (n.unclean && PrimitiveActions.canFence(ws, n)) {
                Action f = ws.fencing(n, fenceKind, false);
                f.reason = n.fenceReason;
                ws.fenceActions.put(n, f);
            }
        }
        for (Rsc r : ws.resources) {
            r.createActions(ws);
        }
        RemoteConstraints.fenceGuests(ws);
        Unfencing.schedule(ws);
        PendingProbes.block(ws);
        for (Rsc r : ws.resources) {
            r.internalConstraints(ws);
        }
        for (OrderSpec o : ws.orderSpecs) {
            OrderConstraints.apply(ws, o);
        }
        RemoteConstraints.orderActions(ws);
    }

}
