package org.vigil.node.core;

import java.util.Set;
import org.vigil.cib.Cib;
import org.vigil.cib.Lrm;
import org.vigil.cib.LrmResource;
import org.vigil.cib.LrmRscOp;
import org.vigil.controller.NodeStatus;

/** Why the scheduler fences a node, in words for the fencing history: a failed stop, or a lost node. */
final class FenceReasons {
    static final String OPERATOR = "requested by the operator";

    private FenceReasons() {}

    static String of(Cib cib, Set<String> members, String node) {
        if (!members.contains(node)) {
            return "node " + node + " was lost or unclean";
        }
        Lrm lrm = NodeStatus.lrm(cib, node).orElse(null);
        if (lrm != null) {
            for (LrmResource r : lrm.resources()) {
                for (LrmRscOp op : r.ops()) {
                    if ("stop".equals(op.operation()) && op.rc() != 0) {
                        return "stop of " + r.id() + " failed on " + node;
                    }
                }
            }
        }
        return "node " + node + " is unclean";
    }
}
