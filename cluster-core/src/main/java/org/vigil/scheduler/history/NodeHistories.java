package org.vigil.scheduler.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vigil.scheduler.node.SchedNode;

/**
 * A primitive's {@link NodeHistory} per node: found by the node's index, walked in the order the status
 * listed the nodes. Replaces a map keyed by node, which every scheduler run filled for every resource on
 * every node of a large cluster (hashing and a table per resource).
 */
public final class NodeHistories {
    private static final NodeHistory[] NONE = new NodeHistory[0];
    private static final int TYPICAL_NODES = 16;
    private NodeHistory[] byIndex = NONE;
    private List<NodeHistory> inOrder = List.of();

    public NodeHistory get(SchedNode node) {
        return node.index < byIndex.length ? byIndex[node.index] : null;
    }

    public boolean containsKey(SchedNode node) {
        return get(node) != null;
    }

    /** The histories in the order they were first created. */
    public List<NodeHistory> values() {
        return inOrder;
    }

    /** The history on {@code node}, created (empty) when there is none yet. */
    public NodeHistory on(SchedNode node) {
        NodeHistory h = get(node);
        if (h != null) {
            return h;
        }
        if (node.index >= byIndex.length) {
            // sized for a usual cluster at once: a resource gets a history (a probe) on nearly every node
            byIndex = Arrays.copyOf(byIndex, Math.max(Math.max(node.index + 1, byIndex.length * 2), TYPICAL_NODES));
        }
        h = new NodeHistory(node);
        byIndex[node.index] = h;
        if (inOrder.isEmpty()) {
            inOrder = new ArrayList<>(TYPICAL_NODES);
        }
        inOrder.add(h);
        return h;
    }
}
