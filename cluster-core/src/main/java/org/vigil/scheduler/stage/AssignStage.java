package org.vigil.scheduler.stage;

import org.vigil.cib.Score;
import org.vigil.scheduler.Role;
import org.vigil.scheduler.Stage;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.constraint.RemoteConstraints;
import org.vigil.scheduler.constraint.ColocationConstraints;
import org.vigil.scheduler.node.NodeScores;
import org.vigil.scheduler.node.SchedNode;
import org.vigil.scheduler.resource.GroupRsc;
import org.vigil.scheduler.resource.PrimitiveRsc;
import org.vigil.scheduler.resource.Rsc;

/** Group-internal colocations, then assignment of every resource in priority order. */
public final class AssignStage implements Stage {
    /**
     * With a placement strategy, Pacemaker assigns by priority, then by the score on the current node, then by
     * the best score on any node (nodes in name order), so that big, sticky resources are placed first.
     */
    private static void sortForPlacement(WorkingSet ws) {
        java.util.Map<Rsc, NodeScores> scores = new java.util.HashMap<>();
        for (Rsc r : ws.resources) {
            Rsc base = r.firstMember();
            scores.put(r, base.mergeWeights(ws, r.id, null, null, 1, true, false, false, true));
        }
        java.util.List<SchedNode> nodes = new java.util.ArrayList<>(ws.nodes);
        nodes.sort((a, b) -> {
            if ("balanced".equals(ws.placementStrategy)) {
                int c = ws.utilization.compareFree(a, b);
                if (c != 0) {
                    return c;
                }
            }
            return a.uname.compareTo(b.uname);
        });
        ws.resources.sort((a, b) -> {
            if (a.priority != b.priority) {
                return a.priority > b.priority ? -1 : 1;
            }
            NodeScores sa = scores.get(a);
            NodeScores sb = scores.get(b);
            int ca = currentScore(a, sa);
            int cb = currentScore(b, sb);
            if (ca != cb) {
                return ca > cb ? -1 : 1;
            }
            for (SchedNode n : nodes) {
                int x = sa.has(n.index) ? sa.get(n.index) : Score.MINUS_INFINITY;
                int y = sb.has(n.index) ? sb.get(n.index) : Score.MINUS_INFINITY;
                if (x != y) {
                    return x > y ? -1 : 1;
                }
            }
            return 0;
        });
    }

    private static int currentScore(Rsc r, NodeScores s) {
        SchedNode n = r.currentNode();
        if (n == null || !s.has(n.index)) {
            return Score.MINUS_INFINITY;
        }
        return s.get(n.index);
    }

    @Override
    public String name() {
        return "assign resources to nodes";
    }

    @Override
    public void run(WorkingSet ws) {
        for (Rsc r : ws.byId.values()) {
            r.addInternalColocations(ws);
        }
        for (Rsc r : ws.byId.values()) {
            r.moveConstraintsToMembers();
        }
        if (!"default".equals(ws.placementStrategy)) {
            sortForPlacement(ws);
        }
        RemoteConstraints.beforeAssignment(ws);
        // as Pacemaker: connections first, so that their nodes are online for everything else
        for (PrimitiveRsc p : ws.primitives) {
            if (p.isConnection() && p.parent == null) {
                p.assign(ws, p.partialMigrationTarget);
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
