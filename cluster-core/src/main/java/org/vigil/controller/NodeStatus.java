package org.vigil.controller;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vigil.cib.Cib;
import org.vigil.cib.FailCounts;
import org.vigil.cib.Lrm;
import org.vigil.cib.Node;
import org.vigil.cib.NodeState;
import org.vigil.cib.NvPair;
import org.vigil.cib.NvSet;
import org.vigil.cib.Status;
import org.vigil.cib.TransientAttributes;

/** Edits of the CIB status section that the DC makes: membership, histories, fail counts, fencing. */
public final class NodeStatus {
    private NodeStatus() {}

    /** The node is in the membership and its controller has joined. */
    public static Cib online(Cib cib, String uname) {
        return update(cib, uname, s -> new NodeState(s.id(), uname, "true", "online", "member", "member",
                s.otherAttributes(), s.transientAttributes(), s.lrm(), s.extras()));
    }

    /**
     * The node is in the membership but has not joined the DC yet (its history is not in): Pacemaker's
     * "pending", on which nothing is placed and which is not fenced.
     */
    public static Cib pending(Cib cib, String uname) {
        return update(cib, uname, s -> new NodeState(s.id(), uname, "true", "online", "pending",
                s.expected() == null ? "member" : s.expected(), s.otherAttributes(), s.transientAttributes(), s.lrm(),
                s.extras()));
    }

    /**
     * The node left the membership. {@code expectedDown} says whether it announced it (a clean shutdown);
     * if not, it stays expected as a member, which makes it unclean until fenced.
     */
    public static Cib offline(Cib cib, String uname, boolean expectedDown) {
        return update(cib, uname, s -> new NodeState(s.id(), uname, "false", "offline", "down",
                expectedDown ? "down" : s.expected() == null ? "member" : s.expected(), s.otherAttributes(),
                s.transientAttributes(), s.lrm(), s.extras()));
    }

    /** The node announced a clean shutdown: when it leaves, that is expected. */
    public static Cib expectDown(Cib cib, String uname) {
        return update(cib, uname, s -> new NodeState(s.id(), uname, s.inCcm(), s.crmd(), s.join(), "down",
                s.otherAttributes(), s.transientAttributes(), s.lrm(), s.extras()));
    }

    /** After a confirmed fence: the node is down as expected and nothing of it runs any more. */
    public static Cib fenced(Cib cib, String uname) {
        return update(cib, uname, s -> new NodeState(s.id(), uname, "false", "offline", "down", "down",
                s.otherAttributes(), null, new Lrm(s.id(), Map.of(), null, List.of()), s.extras()));
    }

    /**
     * A remote node's connection started ({@code up}) or stopped: as Pacemaker's controller (remote_node_up and
     * remote_node_down), its resource history and transient attributes are erased either way — a new connection
     * reaches an executor that remembers nothing, and what ran behind a stopped connection is no longer known —
     * and the entry is marked as a remote node's.
     */
    public static Cib remoteConnection(Cib cib, String uname, boolean up) {
        return update(cib, uname, s -> {
            Map<String, String> other = new java.util.TreeMap<>(s.otherAttributes());
            other.put("remote_node", "true");
            if (up) {
                other.put("node_fenced", "0"); // a new fencing is needed if this connection fails
            }
            return new NodeState(s.id(), uname, up ? "true" : "false", null, null, null, other, null,
                    new Lrm(s.id(), Map.of(), null, List.of()), s.extras());
        });
    }

    /**
     * Remote node {@code uname} was fenced at {@code epochSeconds} ({@code node_fenced}, as Pacemaker's controller
     * records it): the scheduler does not fence it again for the connection failure that caused it.
     */
    public static Cib remoteFenced(Cib cib, String uname, long epochSeconds) {
        return update(cib, uname, s -> {
            Map<String, String> other = new java.util.TreeMap<>(s.otherAttributes());
            other.put("remote_node", "true");
            other.put("node_fenced", Long.toString(epochSeconds));
            return new NodeState(s.id(), uname, s.inCcm(), s.crmd(), s.join(), s.expected(), other,
                    s.transientAttributes(), s.lrm(), s.extras());
        });
    }

    public static Cib withLrm(Cib cib, String uname, Lrm lrm) {
        return update(cib, uname, s -> s.withLrm(lrm));
    }

    public static Optional<Lrm> lrm(Cib cib, String uname) {
        return cib.status().nodeState(uname).map(NodeState::lrm);
    }

    /** Sets (or with null, deletes) a transient node attribute, as attrd does. */
    public static Cib setTransient(Cib cib, String uname, String name, String value) {
        return update(cib, uname, s -> {
            List<NvSet> sets = s.transientAttributes() == null ? new ArrayList<>()
                    : new ArrayList<>(s.transientAttributes().sets());
            NvSet set = sets.isEmpty() ? NvSet.of("status-" + s.id(), List.of()) : sets.get(0);
            NvSet changed = value == null ? set.without(name) : set.with(name, value);
            if (changed.equals(set) && !sets.isEmpty()) {
                return s;
            }
            if (sets.isEmpty()) {
                sets.add(changed);
            } else {
                sets.set(0, changed);
            }
            return s.withTransientAttributes(new TransientAttributes(s.id(), sets));
        });
    }

    /** One more failure of {@code rsc}'s {@code task} at {@code interval}; INFINITY when fatal. */
    public static Cib addFailure(Cib cib, String uname, String rsc, String task, long intervalMs, long nowSeconds,
            boolean fatal) {
        String key = rsc + "#" + task + "_" + intervalMs;
        return update(cib, uname, s -> {
            List<NvSet> sets = s.transientAttributes() == null ? new ArrayList<>()
                    : new ArrayList<>(s.transientAttributes().sets());
            NvSet set = sets.isEmpty() ? NvSet.of("status-" + s.id(), List.of()) : sets.get(0);
            int current = set.value(FailCounts.FAIL_COUNT + key).map(v -> org.vigil.cib.Score.parseOr(v, 0))
                    .orElse(0);
            int next = fatal ? org.vigil.cib.Score.INFINITY : org.vigil.cib.Score.add(current, 1);
            set = set.with(FailCounts.FAIL_COUNT + key, org.vigil.cib.Score.format(next))
                    .with(FailCounts.LAST_FAILURE + key, Long.toString(nowSeconds));
            if (sets.isEmpty()) {
                sets.add(set);
            } else {
                sets.set(0, set);
            }
            return s.withTransientAttributes(new TransientAttributes(s.id(), sets));
        });
    }

    /** Forgets failures of {@code rsc} on every node (crm resource cleanup). */
    public static Cib clearFailures(Cib cib, String rsc) {
        List<NodeState> states = new ArrayList<>();
        for (NodeState s : cib.status().nodeStates()) {
            if (s.transientAttributes() == null) {
                states.add(s);
                continue;
            }
            List<NvSet> sets = new ArrayList<>();
            for (NvSet set : s.transientAttributes().sets()) {
                sets.add(new NvSet(set.id(), set.idRef(), set.score(), set.rule(), set.pairs().stream()
                        .filter(p -> !isFailureOf(p, rsc)).toList()));
            }
            states.add(s.withTransientAttributes(new TransientAttributes(s.transientAttributes().id(), sets)));
        }
        return cib.withStatus(new Status(states, cib.status().extras()));
    }

    private static boolean isFailureOf(NvPair p, String rsc) {
        String n = p.name();
        if (n == null) {
            return false;
        }
        for (String prefix : List.of(FailCounts.FAIL_COUNT, FailCounts.LAST_FAILURE)) {
            if (n.startsWith(prefix)) {
                String rest = n.substring(prefix.length());
                return rest.equals(rsc) || rest.startsWith(rsc + "#") || rest.startsWith(rsc + ":");
            }
        }
        return false;
    }

    private interface Edit {
        NodeState apply(NodeState s);
    }

    private static Cib update(Cib cib, String uname, Edit edit) {
        NodeState current = cib.status().nodeState(uname).orElseGet(() -> {
            String id = cib.configuration().node(uname).map(Node::id).orElse(uname);
            return new NodeState(id, uname, null, null, null, null, Map.of(), null, null, List.of());
        });
        return cib.withStatus(cib.status().withNodeState(edit.apply(current)));
    }
}
