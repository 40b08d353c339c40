package org.vigil.scheduler.history;

import java.util.IdentityHashMap;
import java.util.Map;
import org.vigil.cib.Configuration;
import org.vigil.cib.NvSet;
import org.vigil.cib.Primitive;

/**
 * The digests of primitives' parameters one scheduler worked out in its last run, by definition (the very
 * {@link Primitive} object: the configuration is immutable). Every run compares the digest recorded with
 * each active resource's start to its parameters now, and in a large cluster nearly all of them are the
 * same as last run. Only parameter sets without rules are remembered, as only theirs depend on nothing
 * but the definition (not on the node or the time). A cache only, published whole like
 * {@link HistoryPlans}: safe to share between threads.
 */
public final class ParameterDigests {
    private record Snapshot(Configuration config, Map<Primitive, String> digests) {}

    private volatile Snapshot last = new Snapshot(null, Map.of());

    /** The digest remembered for this very definition under this very configuration, or null. */
    public String lookup(Configuration config, Primitive definition) {
        Snapshot s = last;
        return s.config() == config ? s.digests().get(definition) : null;
    }

    /** The digests of one run: the next run looks only at these. */
    public void publish(Configuration config, IdentityHashMap<Primitive, String> digests) {
        last = new Snapshot(config, digests);
    }

    /** Whether the definition's parameters are the same on every node at every time. */
    public static boolean ruleFree(Primitive definition) {
        for (NvSet set : definition.instanceAttributes()) {
            if (set.rule() != null) {
                return false;
            }
            for (org.vigil.cib.NvPair pair : set.pairs()) {
                if (org.vigil.cib.BundleReplica.HOST_NAME.equals(pair.value())) {
                    return false; // a bundle connection's address depends on the node
                }
            }
        }
        return true;
    }
}
