package org.vigil.cib;

import java.util.List;
import java.util.Optional;

/**
 * The {@code status} section: what the cluster has observed.
 *
 * @param extras other status content kept verbatim ({@code tickets}, ...)
 */
public record Status(List<NodeState> nodeStates, List<XmlElement> extras) {
    public static final Status EMPTY = new Status(List.of(), List.of());

    public Status {
        nodeStates = Copies.list(nodeStates);
        extras = Copies.list(extras);
    }

    public Optional<NodeState> nodeState(String uname) {
        for (int i = 0; i < nodeStates.size(); i++) { // no iterator: the DC looks a node up for every result
            NodeState n = nodeStates.get(i);
            if (uname.equals(n.uname())) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /** A copy with {@code state} replacing the entry of the same node id, or appended. */
    public Status withNodeState(NodeState state) {
        // from an array straight into the immutable list the record keeps as it is (the DC does this for
        // every operation result)
        for (int i = 0; i < nodeStates.size(); i++) {
            if (nodeStates.get(i).id() != null && nodeStates.get(i).id().equals(state.id())) {
                NodeState[] out = nodeStates.toArray(new NodeState[0]);
                out[i] = state;
                return new Status(List.of(out), extras);
            }
        }
        NodeState[] out = nodeStates.toArray(new NodeState[nodeStates.size() + 1]);
        out[nodeStates.size()] = state;
        return new Status(List.of(out), extras);
    }
}
