package org.vigil.scheduler;

import org.vigil.cib.Score;

/** Group-internal colocations, then assignment of every resource in priority order. */
final class AssignStage implements Stage {
    @Override
    public String name() {
        return "assign resources to nodes";
    }

    @Override
    public void run(WorkingSet ws) {
        for (Rsc r : ws.byId.values()) {
            if (r instanceof GroupRsc g && g.colocated) {
                Rsc last = null;
                for (Rsc child : g.children) {
                    if (last != null) {
                        UnpackConstraintsStage.add(ws, "group:internal_colocation", child, last, Score.INFINITY,
                                Role.UNKNOWN, Role.UNKNOWN, null, child.critical ? "true" : "false");
                    }
                    last = child;
                }
            }
        }
        for (Rsc r : ws.resources) {
            r.assign(ws, null);
        }
        for (PrimitiveRsc p : ws.primitives) {
            if (p.provisional) {
                p.assign(ws, null);
            }
            ws.explain.finalScores(ws, p, "pcmk__primitive_assign");
            if (p.assignedTo == null) {
                ws.explain.decision(p, "cannot run anywhere: no node has a usable (non-negative) score");
            } else {
                ws.explain.decision(p, "assigned to " + p.assignedTo.uname + " with score "
                        + Score.format(p.allowed.get(p.assignedTo.index)));
            }
        }
    }
}
