package org.vigil.cib;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fail counts and last-failure times as Pacemaker keeps them in a node's transient attributes:
 * {@code fail-count-RSC#OP_INTERVAL} / {@code last-failure-RSC#OP_INTERVAL} (Pacemaker 2 and later) or the
 * older per-resource {@code fail-count-RSC} / {@code last-failure-RSC}.
 */
public final class FailCounts {
    public static final String FAIL_COUNT = "fail-count-";
    public static final String LAST_FAILURE = "last-failure-";

    private FailCounts() {}

    /** One recorded failure counter. {@code operation} is like {@code monitor_10000}, or null (old style). */
    public record Entry(String resource, String operation, int count, long lastFailure) {}

    /** All counters on a node, in attribute order. */
    public static List<Entry> on(NodeState state) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, Long> last = new LinkedHashMap<>();
        if (state.transientAttributes() == null) {
            return List.of();
        }
        for (NvSet set : state.transientAttributes().sets()) {
            for (NvPair p : set.pairs()) {
                String name = p.name();
                if (name == null) {
                    continue;
                }
                if (name.startsWith(FAIL_COUNT)) {
                    counts.merge(name.substring(FAIL_COUNT.length()), Score.parseOr(p.value(), 0), Score::add);
                } else if (name.startsWith(LAST_FAILURE)) {
                    last.put(name.substring(LAST_FAILURE.length()), parseLong(p.value()));
                }
            }
        }
        List<Entry> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            String key = e.getKey();
            int hash = key.lastIndexOf('#');
            String rsc = hash < 0 ? key : key.substring(0, hash);
            String op = hash < 0 ? null : key.substring(hash + 1);
            out.add(new Entry(rsc, op, e.getValue(), last.getOrDefault(key, 0L)));
        }
        return out;
    }

    /**
     * The total fail count of {@code resource} on a node (Pacemaker sums the per-operation counters).
     * Clone instances are matched by their base name too ({@code rsc:1} counts for {@code rsc}).
     */
    public static int total(NodeState state, String resource) {
        int sum = 0;
        for (Entry e : on(state)) {
            if (matches(e.resource(), resource)) {
                sum = Score.add(sum, e.count());
            }
        }
        return sum;
    }

    /** The newest last-failure time (epoch seconds) of {@code resource} on a node, or 0. */
    public static long lastFailure(NodeState state, String resource) {
        long newest = 0;
        for (Entry e : on(state)) {
            if (matches(e.resource(), resource)) {
                newest = Math.max(newest, e.lastFailure());
            }
        }
        return newest;
    }

    private static boolean matches(String recorded, String resource) {
        if (recorded.equals(resource)) {
            return true;
        }
        return ResourceInstance.baseOf(recorded).equals(resource);
    }

    private static long parseLong(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
