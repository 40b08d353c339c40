package org.vigil.cib;

import java.util.List;
import java.util.Map;

/**
 * A {@code node_state}: membership flags, transient attributes and the node's operation history.
 *
 * @param inCcm           "true"/"false" or, in newer CIBs, a timestamp: the node is in the membership
 * @param crmd            "online"/"offline" or a timestamp: the controller runs there
 * @param join            member, down, pending, banned
 * @param expected        the join state the DC expects (member, down)
 * @param otherAttributes ha, shutdown, remote_node, node_fenced, crm-debug-origin, ...
 * @param transientAttributes null when the element is absent
 * @param lrm             null when the element is absent
 */
public record NodeState(
        String id,
        String uname,
        String inCcm,
        String crmd,
        String join,
        String expected,
        Map<String, String> otherAttributes,
        TransientAttributes transientAttributes,
        Lrm lrm,
        List<XmlElement> extras) {
    public NodeState {
        otherAttributes = Copies.sorted(otherAttributes);
        extras = Copies.list(extras);
    }

    public NodeState withLrm(Lrm newLrm) {
        return new NodeState(id, uname, inCcm, crmd, join, expected, otherAttributes, transientAttributes, newLrm,
                extras);
    }

    public NodeState withTransientAttributes(TransientAttributes attrs) {
        return new NodeState(id, uname, inCcm, crmd, join, expected, otherAttributes, attrs, lrm, extras);
    }
}
