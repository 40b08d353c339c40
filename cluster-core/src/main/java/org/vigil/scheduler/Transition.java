package org.vigil.scheduler;

import java.util.List;
import java.util.Map;

/**
 * The scheduler's answer: actions with their orderings (a DAG), the crm_simulate-style summary, allocation
 * scores, per-resource explanations and anything the scheduler could not handle.
 *
 * @param actions every action that will be executed (required and runnable), in creation order
 * @param orderings "first then" pairs between those actions
 * @param summary the Transition Summary lines, worded as crm_simulate words them
 * @param scores allocation/promotion score lines as crm_simulate -s prints them
 * @param explanations per resource, the contributions that decided its placement
 * @param unsupported features of the input this scheduler does not implement (the result may be incomplete)
 * @param placements where each primitive will be after the transition (resource id to node name)
 * @param roles the role each primitive will have after the transition
 * @param current the cluster as the input describes it
 * @param revised the cluster after every runnable action of the transition succeeded
 * @param migrationLimit the cluster's migration-limit (concurrent migrations per node, -1 = unlimited), for the
 *                       executor to enforce
 * @param recheckBy the instant at which the clock alone may change this answer (a failure-timeout expiring, a
 *                  date rule's bound), when the scheduler must run again; null when no such instant is known
 *                  (Pacemaker's graph attribute {@code recheck-by})
 */
public record Transition(
        List<TransitionAction> actions,
        List<Ordering> orderings,
        List<String> summary,
        List<String> scores,
        Map<String, List<String>> explanations,
        List<String> unsupported,
        Map<String, String> placements,
        Map<String, String> roles,
        ClusterView current,
        ClusterView revised,
        int migrationLimit,
        java.time.Instant recheckBy) {

    /**
     * One action in the graph, with its parts as the scheduler knew them, so nothing downstream re-reads the key.
     *
     * @param intervalMs a recurring operation's interval, 0 otherwise
     * @param fenceKind  for fencing a node: reboot or off; null for every other action
     * @param meta       what the agent is told besides the resource's meta attributes (a notification's lists)
     * @param anonymousBase for an instance of an anonymous clone ({@code DRBD:1}), the configured primitive's id
     *                   ({@code DRBD}) that the node runs and records it under, as Pacemaker does; null otherwise
     */
    public record TransitionAction(int id, String key, String resource, String task, String node, boolean pseudo,
            long intervalMs, String fenceKind, Map<String, String> meta, String anonymousBase) {
        public TransitionAction {
            meta = meta == null ? Map.of() : Map.copyOf(meta);
        }

        public boolean fencing() {
            return fenceKind != null;
        }

        public String label() {
            if (fencing()) {
                return "Fencing " + node + " (" + fenceKind + ")"; // as crm_simulate: reboot, off or on
            }
            if (pseudo) {
                return "Pseudo action:   " + key;
            }
            String shown = task;
            if ("monitor".equals(task) && intervalMs != 0) {
                shown = "monitor=" + intervalMs; // crm_simulate's recurring form
            } else if ("cancel".equals(task)) {
                shown = "cancel=" + intervalMs;
            }
            return String.format("Resource action: %-15s %s on %s", resource, shown, node);
        }
    }

    /** An ordering edge: {@code then} may only run after {@code first}. */
    public record Ordering(int first, int then) {}

    public Transition {
        actions = List.copyOf(actions);
        orderings = List.copyOf(orderings);
        summary = List.copyOf(summary);
        // the scheduler's own score lines are immutable and formatted only when read
        scores = scores instanceof Explanation.ScoreLines ? scores : List.copyOf(scores);
        explanations = Map.copyOf(explanations);
        unsupported = List.copyOf(unsupported);
        placements = Map.copyOf(placements);
        roles = Map.copyOf(roles);
    }

    /** The actions as text, one per line, in an order consistent with the orderings. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        for (TransitionAction a : topologicalOrder()) {
            sb.append("  * ").append(a.label()).append('\n');
        }
        return sb.toString();
    }

    /** Graphviz dot rendering of the DAG. */
    public String toDot() {
        StringBuilder sb = new StringBuilder("digraph \"transition\" {\n");
        for (TransitionAction a : actions) {
            String name = a.key() + (a.node() == null || a.pseudo() ? "" : " " + a.node());
            sb.append("  \"").append(name).append("\" [style=").append(a.pseudo() ? "dashed" : "bold")
                    .append("];\n");
        }
        for (Ordering o : orderings) {
            TransitionAction f = byId(o.first());
            TransitionAction t = byId(o.then());
            sb.append("  \"").append(f.key()).append(f.node() == null || f.pseudo() ? "" : " " + f.node())
                    .append("\" -> \"").append(t.key()).append(t.node() == null || t.pseudo() ? "" : " " + t.node())
                    .append("\";\n");
        }
        return sb.append("}\n").toString();
    }

    private TransitionAction byId(int id) {
        for (TransitionAction a : actions) {
            if (a.id() == id) {
                return a;
            }
        }
        throw new IllegalStateException("no action " + id);
    }

    List<TransitionAction> topologicalOrder() {
        java.util.Map<Integer, Integer> indeg = new java.util.LinkedHashMap<>();
        java.util.Map<Integer, List<Integer>> out = new java.util.HashMap<>();
        for (TransitionAction a : actions) {
            indeg.put(a.id(), 0);
        }
        for (Ordering o : orderings) {
            indeg.merge(o.then(), 1, Integer::sum);
            out.computeIfAbsent(o.first(), k -> new java.util.ArrayList<>()).add(o.then());
        }
        java.util.ArrayDeque<Integer> ready = new java.util.ArrayDeque<>();
        indeg.forEach((k, v) -> {
            if (v == 0) {
                ready.add(k);
            }
        });
        List<TransitionAction> result = new java.util.ArrayList<>();
        java.util.Map<Integer, TransitionAction> ids = new java.util.HashMap<>();
        actions.forEach(a -> ids.put(a.id(), a));
        while (!ready.isEmpty()) {
            int id = ready.poll();
            result.add(ids.get(id));
            for (int t : out.getOrDefault(id, List.of())) {
                if (indeg.merge(t, -1, Integer::sum) == 0) {
                    ready.add(t);
                }
            }
        }
        return result;
    }
}
