package org.vigil.cts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.vigil.cib.Cib;
import org.vigil.ipc.ClusterState;

/**
 * One look at the whole cluster: each machine's power, what each answering daemon says (membership, quorum, DC,
 * CIB) and what each machine's agents say runs there.
 *
 * @param active        node to (resource id to role), from the agents' state files
 * @param withoutQuorum nodes that said they had no quorum both before and after their state files were read
 */
record Snapshot(Instant at, Map<String, Machine.Power> power, Map<String, Probe> probes,
        Map<String, Map<String, String>> active, Set<String> withoutQuorum) {
    Snapshot {
        power = Map.copyOf(new TreeMap<>(power));
        probes = Map.copyOf(probes);
        active = Map.copyOf(active);
        withoutQuorum = Set.copyOf(withoutQuorum);
    }

    /** What one daemon answered: its state and CIB, or why it did not. */
    record Probe(ClusterState state, Cib cib, String error) {
        static Probe failed(String error) {
            return new Probe(null, null, Objects.requireNonNull(error));
        }
    }

    List<String> nodesIn(Machine.Power p) {
        return power.entrySet().stream().filter(e -> e.getValue() == p).map(Map.Entry::getKey).sorted().toList();
    }

    /** The DC every answering node names, when they all name the same one. */
    String agreedDc() {
        String dc = null;
        for (Probe p : probes.values()) {
            if (p.state() == null || p.state().dc() == null || (dc != null && !dc.equals(p.state().dc()))) {
                return null;
            }
            dc = p.state().dc();
        }
        return dc;
    }

    /** The CIB of the DC if it answered, else of any node that did. */
    Cib referenceCib() {
        String dc = agreedDc();
        if (dc != null && probes.containsKey(dc) && probes.get(dc).cib() != null) {
            return probes.get(dc).cib();
        }
        return probes.values().stream().map(Probe::cib).filter(Objects::nonNull).findFirst().orElse(null);
    }
}
