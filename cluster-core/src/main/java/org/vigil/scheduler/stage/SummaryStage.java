package org.vigil.scheduler.stage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.vigil.scheduler.Action;
import org.vigil.scheduler.Stage;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.resource.Rsc;

/** Summary lines: fencing first, then each resource in configuration order. */
public final class SummaryStage implements Stage {
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
