package org.vigil.scheduler.history;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.cib.Configuration;
import org.vigil.cib.Lrm;
import org.vigil.cib.LrmResource;

/**
 * What one scheduler learnt about node histories it has read before. Most of a large cluster's history is
 * probes that found a resource not running, and a node's history (the very {@link Lrm} object: the CIB is
 * immutable) is mostly unchanged from one run to the next; the plan of a history marks those entries with
 * the primitive they belong to, so the history stage does not read them again. A cache only: a plan says
 * exactly what the stage would work out, and any doubt (another configuration, another primitive at that
 * place) sends the entry down the ordinary path. Safe to share between threads; a lost update only costs
 * a re-read.
 */
public final class HistoryPlans {
    /**
     * For one history: per entry, the index of its primitive in the working set, or -1 to read it.
     * {@code entries} are the history's entries it was made from: an entry is immutable, so where a later
     * history of the node holds the very same entry object, its mark still holds.
     */
    record Plan(int[] primitive, String[] id, List<LrmResource> entries) {}

    private record Snapshot(Configuration config, Map<Lrm, Plan> plans, Map<String, Plan> byNode) {}

    private volatile Snapshot current = new Snapshot(null, Map.of(), Map.of());

    /** The plan made for this very history under this very configuration, or null. */
    Plan lookup(Configuration config, Lrm lrm) {
        Snapshot s = current;
        return s.config() == config ? s.plans().get(lrm) : null;
    }

    /**
     * The plan made last run for the node's history under this very configuration, or null: a node's
     * history changes by a few entries between runs (the rest are the same objects), so a new plan copies
     * the marks of unchanged entries from it.
     */
    Plan previous(Configuration config, String node) {
        Snapshot s = current;
        return s.config() == config ? s.byNode().get(node) : null;
    }

    /** The plans of one run: the next run looks only at these (older histories are gone from the CIB). */
    void publish(Configuration config, IdentityHashMap<Lrm, Plan> plans, Map<String, Plan> byNode) {
        current = new Snapshot(config, plans, byNode);
    }
}
