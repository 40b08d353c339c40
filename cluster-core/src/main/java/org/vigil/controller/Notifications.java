package org.vigil.controller;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.vigil.cib.Booleans;
import org.vigil.cib.Cib;
import org.vigil.cib.Clone;
import org.vigil.cib.LrmRscOp;
import org.vigil.cib.NodeState;
import org.vigil.cib.NvSets;
import org.vigil.cib.Primitive;
import org.vigil.cib.Resource;
import org.vigil.transition.GraphAction;
import org.vigil.transition.TransitionGraph;

/**
 * Clone notifications ({@code notify=true}), as Pacemaker sends them: around each kind of operation on a
 * clone's instances in a transition (demote, stop, start, promote, in that order), a {@code pre} notification
 * to every instance active before it and a {@code post} one to every instance active after it, each carrying
 * {@code notify_type}, {@code notify_operation} and the lists of what is started, stopped, promoted, demoted,
 * active and inactive ({@code notify_*_resource} / {@code notify_*_uname}). Agents such as DRBD use them to
 * learn about their peers. The pre notification of one kind waits for the post notification of the kind
 * before, as in Pacemaker's graph.
 */
final class Notifications {
    private static final List<String> ORDER = List.of("demote", "stop", "start", "promote");

    private Notifications() {}

    static TransitionGraph add(TransitionGraph graph, Cib cib) {
        Map<String, Clone> notifying = notifyingPrimitives(cib);
        if (notifying.isEmpty() || graph.actions().isEmpty()) {
            return graph;
        }
        int nextId = 0;
        for (GraphAction a : graph.actions()) {
            nextId = Math.max(nextId, a.id() + 1);
        }
        Map<Integer, List<Integer>> extraPreds = new TreeMap<>();
        List<GraphAction> added = new ArrayList<>();
        for (Map.Entry<String, Clone> e : notifying.entrySet()) {
            String prim = e.getKey();
            Map<String, List<GraphAction>> ops = new LinkedHashMap<>();
            for (GraphAction a : graph.actions()) {
                if (!a.pseudo() && a.resource() != null && a.intervalMs() == 0 && ORDER.contains(a.task())
                        && base(a.resource()).equals(prim)) {
                    ops.computeIfAbsent(a.task(), k -> new ArrayList<>()).add(a);
                }
            }
            if (ops.isEmpty()) {
                continue;
            }
            Set<String> active = activeNodes(cib, prim);
            Map<String, String> lists = lists(ops, active, cib, prim);
            List<Integer> previousPost = new ArrayList<>();
            for (String kind : ORDER) {
                List<GraphAction> kindOps = ops.get(kind);
                if (kindOps == null) {
                    continue;
                }
                List<Integer> pre = new ArrayList<>();
                for (String node : active) {
                    GraphAction n = notify(nextId++, prim, node, "pre", kind, lists, previousPost);
                    added.add(n);
                    pre.add(n.id());
                }
                for (GraphAction op : kindOps) {
                    extraPreds.computeIfAbsent(op.id(), k -> new ArrayList<>()).addAll(pre);
                    if (kind.equals("stop")) {
                        active.remove(op.node());
                    } else if (kind.equals("start")) {
                        active.add(op.node());
                    }
                }
                List<Integer> post = new ArrayList<>();
                List<Integer> opIds = kindOps.stream().map(GraphAction::id).toList();
                for (String node : active) {
                    GraphAction n = notify(nextId++, prim, node, "post", kind, lists, opIds);
                    added.add(n);
                    post.add(n.id());
                }
                previousPost = post;
            }
        }
        if (added.isEmpty()) {
            return graph;
        }
        List<GraphAction> out = new ArrayList<>();
        for (GraphAction a : graph.actions()) {
            List<Integer> more = extraPreds.get(a.id());
            if (more == null || more.isEmpty()) {
                out.add(a);
            } else {
                List<Integer> preds = new ArrayList<>(a.predecessors());
                preds.addAll(more);
                out.add(new GraphAction(a.id(), a.task(), a.resource(), a.node(), a.intervalMs(), a.pseudo(), a.meta(),
                        preds));
            }
        }
        out.addAll(added);
        return new TransitionGraph(out, graph.migrationLimit(), graph.summary(), graph.recheckBy());
    }

    private static GraphAction notify(int id, String prim, String node, String type, String operation,
            Map<String, String> lists, List<Integer> preds) {
        Map<String, String> meta = new LinkedHashMap<>(lists);
        meta.put("notify_type", type);
        meta.put("notify_operation", operation);
        return new GraphAction(id, "notify", prim, node, 0, false, meta, List.copyOf(preds));
    }

    /** Pacemaker's notification lists: instances (resource) and their nodes (uname), space-separated. */
    private static Map<String, String> lists(Map<String, List<GraphAction>> ops, Set<String> active, Cib cib,
            String prim) {
        Map<String, String> meta = new LinkedHashMap<>();
        for (String kind : ORDER) {
            List<GraphAction> k = ops.getOrDefault(kind, List.of());
            meta.put("notify_" + kind + "_resource", join(k.stream().map(a -> instance(a)).toList()));
            meta.put("notify_" + kind + "_uname", join(k.stream().map(GraphAction::node).toList()));
        }
        meta.put("notify_active_resource", join(active.stream().map(n -> prim).toList()));
        meta.put("notify_active_uname", join(List.copyOf(active)));
        List<String> inactive = new ArrayList<>();
        for (org.vigil.cib.Node n : cib.configuration().nodes()) {
            if (!active.contains(n.uname())) {
                inactive.add(n.uname());
            }
        }
        meta.put("notify_inactive_uname", join(inactive));
        meta.put("notify_inactive_resource", join(inactive.stream().map(n -> prim).toList()));
        // Pacemaker 2.1 sends the promoted/unpromoted lists under both names
        meta.put("notify_promoted_uname", join(promotedNodes(cib, prim)));
        meta.put("notify_master_uname", meta.get("notify_promoted_uname"));
        return meta;
    }

    private static String instance(GraphAction a) {
        return a.meta().getOrDefault("clone_instance", a.resource());
    }

    private static String join(List<String> items) {
        return String.join(" ", items);
    }

    /** Primitives directly inside a clone whose {@code notify} meta attribute is true. */
    static Map<String, Clone> notifyingPrimitives(Cib cib) {
        Map<String, Clone> out = new TreeMap<>();
        for (Resource r : cib.configuration().resources()) {
            if (r instanceof Clone c && c.child() instanceof Primitive p
                    && NvSets.firstValue(c.metaAttributes(), "notify").map(Booleans::isTrue).orElse(false)) {
                out.put(p.id(), c);
            }
        }
        return out;
    }

    private static String base(String resource) {
        return org.vigil.cib.ResourceInstance.baseOf(resource);
    }

    /** Nodes whose history says an instance of {@code prim} may be active there. */
    static Set<String> activeNodes(Cib cib, String prim) {
        Set<String> out = new TreeSet<>();
        for (NodeState s : cib.status().nodeStates()) {
            if (s.lrm() != null && "member".equals(s.join()) && s.lrm().resources().stream()
                    .anyMatch(r -> base(r.id()).equals(prim) && OperationHistory.active(r))) {
                out.add(s.uname());
            }
        }
        return out;
    }

    private static List<String> promotedNodes(Cib cib, String prim) {
        List<String> out = new ArrayList<>();
        for (NodeState s : cib.status().nodeStates()) {
            if (s.lrm() != null && "member".equals(s.join()) && s.lrm().resources().stream()
                    .anyMatch(r -> base(r.id()).equals(prim) && promoted(OperationHistory.last(r)))) {
                out.add(s.uname());
            }
        }
        return out;
    }

    private static boolean promoted(LrmRscOp last) {
        return last != null && (last.operation().equals("promote") && last.rc() == 0
                || last.operation().equals("monitor") && last.rc() == 8);
    }
}
