package org.vigil.scheduler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Summary lines: fencing first, then each resource in configuration order. */
final class SummaryStage implements Stage {
    @Override
    public String name() {
        return "summarise";
    }

    @Override
    public void run(WorkingSet ws) {
        for (Action f : ws.fenceActions.values()) {
            ws.summary.add("  * Fence (" + f.fenceKind + ") " + f.node.uname
                    + (f.guestContainer == null ? "" : " (resource: " + f.guestContainer + ")") + " '" + f.reason + "'");
        }
        Unfencing.summarize(ws, ws.summary);
        List<Rsc> inConfigOrder = new ArrayList<>(ws.resources);
        inConfigOrder.sort(Comparator.comparingInt(r -> r.configOrder));
        for (Rsc r : inConfigOrder) {
            r.summarize(ws, ws.summary);
        }
    }
}
