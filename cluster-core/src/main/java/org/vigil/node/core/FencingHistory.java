package org.vigil.node.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.vigil.ipc.FenceOutcome;

/**
 * The cluster's fencing history as one node holds it: finished fencings, oldest first, at most
 * {@link #LIMIT}. Every node keeps a copy; copies merge by union (the same entry recorded twice is one), so
 * whichever nodes survive a DC change, every entry some survivor holds stays in the history.
 */
final class FencingHistory {
    static final int LIMIT = 100;
    private static final Comparator<FenceOutcome> ORDER = Comparator
            .comparing((FenceOutcome o) -> o.completedAt() == null ? Instant.MIN : o.completedAt())
            .thenComparing(FenceOutcome::target)
            .thenComparing(FenceOutcome::action)
            .thenComparing(o -> o.status().name())
            .thenComparing(o -> o.origin() == null ? "" : o.origin())
            .thenComparing(o -> o.device() == null ? "" : o.device())
            .thenComparing(FenceOutcome::reason);

    private List<FenceOutcome> entries;

    FencingHistory(List<FenceOutcome> initial) {
        this.entries = normalized(initial);
    }

    List<FenceOutcome> entries() {
        return entries;
    }

    /** Adds {@code more}; true if anything was new. */
    boolean merge(List<FenceOutcome> more) {
        List<FenceOutcome> all = new ArrayList<>(entries);
        all.addAll(more);
        List<FenceOutcome> merged = normalized(all);
        if (merged.equals(entries)) {
            return false;
        }
        entries = merged;
        return true;
    }

    /** True if {@code node} was fenced (successfully) at or after {@code since}. */
    boolean fencedSince(String node, Instant since) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            FenceOutcome o = entries.get(i);
            if (o.target().equals(node) && o.succeeded() && o.completedAt() != null
                    && !o.completedAt().isBefore(since)) {
                return true;
            }
        }
        return false;
    }

    private static List<FenceOutcome> normalized(List<FenceOutcome> in) {
        TreeSet<FenceOutcome> set = new TreeSet<>(ORDER);
        for (FenceOutcome o : in) {
            if (o.status() != FenceOutcome.Status.PENDING) {
                set.add(o);
            }
        }
        List<FenceOutcome> out = new ArrayList<>(set);
        return List.copyOf(out.size() > LIMIT ? out.subList(out.size() - LIMIT, out.size()) : out);
    }
}
