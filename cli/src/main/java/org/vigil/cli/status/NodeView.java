package org.vigil.cli.status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vigil.cib.Booleans;
import org.vigil.cib.Cib;
import org.vigil.cib.Node;
import org.vigil.cib.NodeState;
import org.vigil.cib.NvSets;

/** What {@code crm status} says about a node: known from configuration and/or status. */
public record NodeView(String id, String name, boolean online, boolean standby, boolean maintenance,
        boolean unclean) {
    public static List<NodeView> of(Cib cib) {
        return of(cib, null);
    }

    /**
     * The nodes with membership from the live cluster: the daemon's member list is newer than the CIB's
     * node_state, so where they disagree the members win.
     *
     * @param members the partition's members, or null to go by the CIB alone
     */
    public static List<NodeView> of(Cib cib, java.util.Collection<String> members) {
        Map<String, NodeView> out = new LinkedHashMap<>();
        for (Node n : cib.configuration().nodes()) {
            String name = n.uname() != null ? n.uname() : n.id();
            out.put(name, view(cib, n.id(), name, Optional.of(n), members));
        }
        for (NodeState s : cib.status().nodeStates()) {
            String name = s.uname() != null ? s.uname() : s.id();
            out.putIfAbsent(name, view(cib, s.id(), name, Optional.empty(), members));
        }
        List<NodeView> list = new ArrayList<>(out.values());
        // crm_mon lists nodes by name
        list.sort(java.util.Comparator.comparing(NodeView::name));
        return list;
    }

    private static NodeView view(Cib cib, String id, String name, Optional<Node> node,
            java.util.Collection<String> members) {
        Optional<NodeState> state = cib.status().nodeStates().stream()
                .filter(s -> name.equals(s.uname()) || (s.uname() == null && id != null && id.equals(s.id())))
                .findFirst();
        boolean inCib = state.map(NodeView::online).orElse(false);
        boolean online = members == null ? inCib : members.contains(name);
        // with fencing, a node that left while expected to be up must be fenced before its resources move; one
        // the CIB still shows up but that is no longer a member has just left that way
        boolean unclean = !online && fencingEnabled(cib)
                && (state.map(s -> "member".equals(s.expected())).orElse(false) || inCib);
        return new NodeView(id, name, online, attribute(node, state, "standby"), attribute(node, state, "maintenance"),
                unclean);
    }

    private static boolean fencingEnabled(Cib cib) {
        java.util.Map<String, String> props = NvSets.unconditional(cib.configuration().clusterProperties());
        String v = props.getOrDefault("fencing-enabled", props.get("stonith-enabled"));
        return v == null || Booleans.isTrue(v);
    }

    static boolean online(NodeState s) {
        return truthy(s.inCcm()) && (truthy(s.crmd()) || "online".equals(s.crmd()))
                && (s.join() == null || "member".equals(s.join()));
    }

    /** Newer CIBs write a timestamp instead of true: any positive number counts. */
    private static boolean truthy(String v) {
        if (v == null) {
            return false;
        }
        if (Booleans.isTrue(v)) {
            return true;
        }
        try {
            return Long.parseLong(v.trim()) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean attribute(Optional<Node> node, Optional<NodeState> state, String name) {
        Optional<String> transientValue = state.flatMap(s -> s.transientAttributes() == null ? Optional.empty()
                : NvSets.firstValue(s.transientAttributes().sets(), name));
        if (transientValue.isPresent()) {
            return Booleans.isTrue(transientValue.get());
        }
        return node.flatMap(n -> NvSets.firstValue(n.instanceAttributes(), name)).map(Booleans::isTrue).orElse(false);
    }
}
