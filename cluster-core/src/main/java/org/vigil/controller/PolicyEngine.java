package org.vigil.controller;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.cib.Cib;
import org.vigil.cib.NvSets;
import org.vigil.cib.Score;
import org.vigil.scheduler.Scheduler;
import org.vigil.scheduler.Transition;
import org.vigil.transition.GraphAction;
import org.vigil.transition.TransitionGraph;

/**
 * The scheduler as the controller uses it: its transition turned into an executable graph. Remembers its last
 * few decisions (synchronized, in case one engine serves callers on several threads).
 */
public final class PolicyEngine implements Controller.Scheduler {
    /** A few recent decisions: a DC asks again without a change (recheck timer, repeated membership news). */
    private static final int REMEMBERED = 4;

    private final Scheduler scheduler = Scheduler.decisionsOnly();
    private final java.util.ArrayDeque<Decision> recent = new java.util.ArrayDeque<>();
    private org.vigil.cib.Configuration timeCheckedConfiguration;
    private boolean configurationUsesTime;

    /** One scheduler result for a CIB whose decision does not depend on the time it is taken at. */
    private record Decision(Cib cib, Transition transition, TransitionGraph graph) {}

    @Override
    public synchronized TransitionGraph schedule(Cib cib, Instant now) {
        Decision d = decide(cib, now);
        if (d.graph() != null) {
            return d.graph();
        }
        TransitionGraph graph = toGraph(d.transition(), migrationLimit(cib));
        if (recent.remove(d)) {
            remember(new Decision(d.cib(), d.transition(), graph));
        }
        return graph;
    }

    /**
     * The scheduler is a pure function of (CIB, now), and of the CIB alone when nothing in it reads the
     * clock (no date expression, no failure-timeout): then an equal CIB gets the remembered answer.
     */
    private Decision decide(Cib cib, Instant now) {
        boolean timeless = !usesTime(cib);
        if (timeless) {
            for (Decision d : recent) {
                if (d.cib() == cib || d.cib().equals(cib)) {
                    return d;
                }
            }
        }
        Decision d = new Decision(cib, scheduler.schedule(cib, now), null);
        if (timeless) {
            remember(d);
        }
        return d;
    }

    private void remember(Decision d) {
        recent.addFirst(d);
        while (recent.size() > REMEMBERED) {
            recent.removeLast();
        }
    }

    private boolean usesTime(Cib cib) {
        if (cib.configuration() != timeCheckedConfiguration) {
            String text = org.vigil.cib.CibXml.write(Cib.empty().withConfiguration(cib.configuration()));
            // conservative: a mere mention keeps the scheduler running on every call, as before (a remote
            // connection's reconnect_interval is its failure-timeout)
            configurationUsesTime = text.contains("date_expression") || text.contains("date_spec")
                    || text.contains("failure-timeout") || text.contains("reconnect_interval");
            timeCheckedConfiguration = cib.configuration();
        }
        if (configurationUsesTime) {
            return true;
        }
        for (org.vigil.cib.NodeState s : cib.status().nodeStates()) {
            if (s.transientAttributes() != null
                    && s.transientAttributes().sets().stream().anyMatch(set -> set.rule() != null)) {
                return true; // rules in status are rare; any of them may compare dates
            }
        }
        return false;
    }

    /** Where each primitive will be once the transition is done (the DC's belief, for checks). */
    public synchronized Map<String, String> placements(Cib cib, Instant now) {
        return decide(cib, now).transition().placements();
    }

    static int migrationLimit(Cib cib) {
        return NvSets.firstValue(cib.configuration().clusterProperties(), "migration-limit")
                .map(v -> Score.parseOr(v, -1)).orElse(-1);
    }

    static TransitionGraph toGraph(Transition t, int migrationLimit) {
        Map<Integer, List<Integer>> preds = new HashMap<>();
        for (Transition.Ordering o : t.orderings()) {
            preds.computeIfAbsent(o.then(), k -> new ArrayList<>()).add(o.first());
        }
        Map<String, String> migrateFrom = new HashMap<>();
        Map<String, String> migrateTo = new HashMap<>();
        for (Transition.TransitionAction a : t.actions()) {
            if ("migrate_to".equals(a.task())) {
                migrateTo.put(a.resource(), a.node());
            } else if ("migrate_from".equals(a.task())) {
                migrateFrom.put(a.resource(), a.node());
            }
        }
        List<GraphAction> out = new ArrayList<>();
        for (Transition.TransitionAction a : t.actions()) {
            List<Integer> p = preds.getOrDefault(a.id(), List.of());
            // a guest node's fencing is a pseudo action: recovering its container already does it
            if (a.fencing() && !a.pseudo()) {
                out.add(new GraphAction(a.id(), "fence", null, a.node(), 0, false,
                        Map.of("fence_action", a.fenceKind()), p));
                continue;
            }
            Map<String, String> meta = new LinkedHashMap<>(a.meta());
            if ("migrate_to".equals(a.task()) || "migrate_from".equals(a.task())) {
                String source = migrateTo.get(a.resource());
                String target = migrateFrom.get(a.resource());
                if (source != null && target != null) {
                    meta.put("migrate_source", source);
                    meta.put("migrate_target", target);
                }
            }
            // an anonymous clone's instances are interchangeable: as in Pacemaker, the node's executor runs and
            // records them under the primitive's own id (DRBD, not DRBD:1), and the scheduler maps each node's
            // history to an instance number itself
            String resource = a.resource();
            if (a.anonymousBase() != null) {
                meta.put("clone_instance", resource);
                resource = a.anonymousBase();
            }
            out.add(new GraphAction(a.id(), a.task(), a.pseudo() ? null : resource, a.pseudo() ? null : a.node(),
                    a.intervalMs(), a.pseudo() || a.node() == null, meta, p));
        }
        return new TransitionGraph(out, migrationLimit, t.summary(), t.recheckBy());
    }
}
