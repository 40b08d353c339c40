package org.vigil.cib;

import java.util.ArrayList;
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
        for (NodeState n : nodeStates) { // a plain loop: the DC looks a node up for every operation result
            if (uname.equals(n.uname())) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /** A copy with {@code state} replacing the entry of the same node id, or appended. */
    public Status withNodeState(NodeState state) {
        List<NodeState> out = new ArrayList<>(nodeStates);
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).id() != null && out.get(i).id().equals(state.id())) {
                out.set(i, state);
                return new Status(out, extras);
            }
        }
        out.add(state);
        return new Status(out, extras);
    }
}
