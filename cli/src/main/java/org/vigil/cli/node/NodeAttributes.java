package org.vigil.cli.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.vigil.cib.Cib;
import org.vigil.cib.Configuration;
import org.vigil.cib.Node;
import org.vigil.cib.NodeState;
import org.vigil.cib.NvSet;
import org.vigil.cib.NvSets;
import org.vigil.cib.Status;
import org.vigil.cib.TransientAttributes;

/**
 * Node attributes as crm_attribute keeps them: permanent ones ({@code forever}) in the node's
 * {@code instance_attributes} (set id {@code nodes-ID}), transient ones ({@code reboot}) in its
 * {@code node_state/transient_attributes}. Utilization lives in the node's {@code utilization} set.
 */
public final class NodeAttributes {
    /** Where an attribute lives. */
    public enum Lifetime { forever, reboot }

    public enum Kind { ATTRIBUTE, UTILIZATION }

    private NodeAttributes() {}

    /**
     * The node called {@code uname}, added (id = uname) when missing: offline there is no cluster to ask, so
     * the CIB file gains the node and {@code notices} says so.
     */
    public static Cib ensureNode(Cib cib, String uname, Consumer<String> notices) {
        if (cib.configuration().node(uname).isPresent()) {
            return cib;
        }
        if (cib.status().nodeState(uname).isPresent()) {
            NodeState s = cib.status().nodeState(uname).get();
            notices.accept("crm: node " + uname + " was only in the status section; added it to the configuration");
            return withNode(cib, Node.of(s.id() == null ? uname : s.id(), uname));
        }
        List<String> known = new ArrayList<>();
        cib.configuration().nodes().forEach(n -> known.add(n.uname()));
        cib.status().nodeStates().forEach(s -> known.add(s.uname()));
        known.removeIf(java.util.Objects::isNull);
        String hint = org.vigil.cli.Suggestions.hint(uname, known);
        notices.accept("crm: node " + uname + " is not in the CIB; added it (offline mode has no cluster to ask)"
                + (hint.isEmpty() ? "" : "; check the name" + hint));
        return withNode(cib, Node.of(uname, uname));
    }

    private static Cib withNode(Cib cib, Node n) {
        List<Node> nodes = new ArrayList<>(cib.configuration().nodes());
        nodes.add(n);
        return cib.withConfiguration(cib.configuration().withNodes(nodes));
    }

    public static Optional<String> get(Cib cib, String uname, String name, Lifetime lifetime, Kind kind) {
        if (lifetime == Lifetime.reboot) {
            return cib.status().nodeState(uname).flatMap(s -> s.transientAttributes() == null ? Optional.empty()
                    : NvSets.firstValue(s.transientAttributes().sets(), name));
        }
        return cib.configuration().node(uname).flatMap(n -> NvSets.firstValue(
                kind == Kind.UTILIZATION ? n.utilization() : n.instanceAttributes(), name));
    }

    /** Sets (value != null) or deletes (value == null) an attribute. */
    public static Cib set(Cib cib, String uname, String name, String value, Lifetime lifetime, Kind kind,
            Consumer<String> notices) {
        if (lifetime == Lifetime.reboot) {
            return setTransient(cib, uname, name, value);
        }
        Cib c = value == null ? cib : ensureNode(cib, uname, notices);
        if (c.configuration().node(uname).isEmpty()) {
            return c;
        }
        Configuration conf = c.configuration().updateNode(uname, n -> {
            List<NvSet> sets = kind == Kind.UTILIZATION ? n.utilization() : n.instanceAttributes();
            List<NvSet> out = update(sets, name, value,
                    kind == Kind.UTILIZATION ? "nodes-" + n.id() + "-utilization" : "nodes-" + n.id());
            return kind == Kind.UTILIZATION ? n.withUtilization(out) : n.withInstanceAttributes(out);
        });
        return c.withConfiguration(conf);
    }

    /** Sets or removes {@code name} in the first plain set, creating {@code newSetId} when there is none. */
    public static List<NvSet> update(List<NvSet> sets, String name, String value, String newSetId) {
        List<NvSet> out = new ArrayList<>();
        boolean done = false;
        for (NvSet s : sets) {
            if (value == null) {
                // an emptied set stays, as Pacemaker's crm_attribute --delete leaves it
                out.add(s.rule() == null ? s.without(name) : s);
            } else if (!done && s.rule() == null && s.idRef() == null) {
                out.add(s.with(name, value));
                done = true;
            } else {
                out.add(s);
            }
        }
        if (value != null && !done) {
            out.add(NvSet.of(newSetId, List.of()).with(name, value));
        }
        return out;
    }

    private static Cib setTransient(Cib cib, String uname, String name, String value) {
        Optional<NodeState> existing = cib.status().nodeState(uname);
        String id = existing.map(NodeState::id).orElseGet(() -> cib.configuration().node(uname)
                .map(Node::id).orElse(uname));
        NodeState s = existing.orElseGet(() -> new NodeState(id, uname, null, null, null, null, null, null, null,
                null));
        if (value == null && s.transientAttributes() == null) {
            return cib;
        }
        TransientAttributes ta = s.transientAttributes() == null ? new TransientAttributes(id, List.of())
                : s.transientAttributes();
        List<NvSet> sets = update(ta.sets(), name, value, "status-" + id);
        Status status = cib.status().withNodeState(s.withTransientAttributes(new TransientAttributes(ta.id(), sets)));
        return cib.withStatus(status);
    }
}
