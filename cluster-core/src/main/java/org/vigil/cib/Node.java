package org.vigil.cib;

import java.util.List;
import java.util.Map;

/** A configured cluster node ({@code nodes/node}). Permanent node attributes live in {@code instanceAttributes}. */
public record Node(
        String id,
        String uname,
        String type,
        Map<String, String> otherAttributes,
        List<NvSet> instanceAttributes,
        List<NvSet> utilization) {
    public Node {
        otherAttributes = Copies.sorted(otherAttributes);
        instanceAttributes = Copies.list(instanceAttributes);
        utilization = Copies.list(utilization);
    }

    public static Node of(String id, String uname) {
        return new Node(id, uname, null, Map.of(), List.of(), List.of());
    }

    public Node withInstanceAttributes(List<NvSet> sets) {
        return new Node(id, uname, type, otherAttributes, sets, utilization);
    }

    public Node withUtilization(List<NvSet> sets) {
        return new Node(id, uname, type, otherAttributes, instanceAttributes, sets);
    }
}
