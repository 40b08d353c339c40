package org.vigil.cts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.vigil.cib.Cib;
import org.vigil.cib.CibVersion;
import org.vigil.ipc.ClusterState;

/**
 * Is the cluster settled? Every machine that runs answers, they all see exactly the running machines as members
 * with the quorum that count gives, agree on the DC and hold the same configuration; no crashed machine is left
 * unfenced; and every resource the configuration wants runs where it may (agents' state files). The answer is the
 * list of what is not yet so (empty: settled).
 */
final class SettleCheck {
    private SettleCheck() {}

    /**
     * @param model what should run, from the newest configuration the suite has seen (the snapshot's own CIB when
     *              it has one); null: placement is not judged
     */
    static List<String> problems(Snapshot s, List<String> allNodes, ResourceModel model) {
        List<String> out = new ArrayList<>();
        s.nodesIn(Machine.Power.HUNG).forEach(n -> out.add(n + " is hung (SIGSTOP)"));
        s.nodesIn(Machine.Power.STOPPING).forEach(n -> out.add(n + " is still shutting down"));
        s.nodesIn(Machine.Power.CRASHED).forEach(n -> out.add(n + "'s vigild is gone but " + n + " was not fenced"));
        List<String> on = s.nodesIn(Machine.Power.ON);
        for (String n : on) {
            Snapshot.Probe p = s.probes().get(n);
            if (p == null || p.error() != null) {
                out.add(n + " does not answer: " + (p == null ? "not asked" : p.error()));
            }
        }
        if (!out.isEmpty()) {
            return out;
        }
        boolean quorum = on.size() * 2 > allNodes.size();
        for (String n : on) {
            ClusterState st = s.probes().get(n).state();
            if (!new TreeSet<>(st.members()).equals(new TreeSet<>(on))) {
                out.add(n + " sees members " + st.members() + ", running are " + on);
            }
            if (st.quorate() != quorum) {
                out.add(n + (st.quorate() ? " has quorum" : " has no quorum") + " with " + on.size() + " of "
                        + allNodes.size() + " nodes running");
            }
        }
        String dc = s.agreedDc();
        if (dc == null) {
            List<String> named = on.stream().map(n -> n + ":" + s.probes().get(n).state().dc()).toList();
            out.add("no DC agreed by all (" + String.join(", ", named) + ")");
        }
        out.addAll(sameCib(s, on));
        Cib ref = s.referenceCib();
        ResourceModel m = ref != null ? ResourceModel.of(ref.configuration()) : model;
        if (m != null && out.isEmpty()) {
            out.addAll(placement(s.active(), m, on, quorum));
        }
        return out;
    }

    /** Every running node holds the same configuration, at the same version. */
    static List<String> sameCib(Snapshot s, List<String> on) {
        Cib first = null;
        String firstNode = null;
        for (String n : on) {
            Cib c = s.probes().get(n).cib();
            if (c == null) {
                continue;
            }
            if (first == null) {
                first = c;
                firstNode = n;
            } else if (!sameConfiguration(first, c)) {
                return List.of("configuration differs: " + firstNode + " has " + version(first) + ", " + n + " has "
                        + version(c) + (version(first).equals(version(c)) ? " (same version, other content)" : ""));
            }
        }
        return List.of();
    }

    static boolean sameConfiguration(Cib a, Cib b) {
        CibVersion va = a.version();
        CibVersion vb = b.version();
        return va.adminEpoch() == vb.adminEpoch() && va.epoch() == vb.epoch()
                && a.configuration().equals(b.configuration());
    }

    static String version(Cib c) {
        return c.version().adminEpoch() + ":" + c.version().epoch();
    }

    /** Resources against the model: each single on exactly one node that may run it, the clone everywhere allowed. */
    static List<String> placement(Map<String, Map<String, String>> active, ResourceModel model, List<String> on,
            boolean quorum) {
        List<String> out = new ArrayList<>();
        Set<String> eligible = new TreeSet<>();
        if (quorum) {
            on.stream().filter(n -> !model.standby().contains(n)).forEach(eligible::add);
        }
        Set<String> known = new TreeSet<>();
        model.singles().forEach((id, shouldRun) -> {
            known.add(id);
            Set<String> where = where(active, id);
            if (shouldRun && !eligible.isEmpty()) {
                if (where.isEmpty()) {
                    out.add(id + " is not running");
                } else if (where.size() > 1) {
                    out.add(id + " runs on " + where);
                } else if (!eligible.containsAll(where)) {
                    out.add(id + " runs on " + where + ", which may not run it (standby, down or without quorum)");
                }
            } else if (!where.isEmpty()) {
                // stopped by its target-role, or nowhere to run (no-quorum-policy=stop stops it)
                out.add(id + " should be stopped but runs on " + where);
            }
        });
        model.groups().forEach((id, members) -> {
            Set<String> nodes = new TreeSet<>();
            members.forEach(m -> nodes.addAll(where(active, m)));
            if (nodes.size() > 1) {
                out.add("group " + id + " is split over " + nodes);
            }
        });
        model.promotable().forEach((id, max) -> {
            known.add(id);
            Set<String> where = where(active, id);
            if (!where.equals(eligible)) {
                out.add(id + " runs on " + where + ", expected on " + eligible);
            }
            Set<String> promoted = new TreeSet<>();
            active.forEach((n, rs) -> {
                if (rs.containsKey(id) && ResourceModel.promoted(rs.get(id))) {
                    promoted.add(n);
                }
            });
            int want = Math.min(max, eligible.size());
            if (promoted.size() != want) {
                out.add(id + " is promoted on " + promoted + ", expected on " + want + " node(s)");
            }
        });
        active.forEach((n, rs) -> rs.keySet().stream().filter(id -> !known.contains(id))
                .forEach(id -> out.add(id + " runs on " + n + " but is not configured")));
        return out;
    }

    static Set<String> where(Map<String, Map<String, String>> active, String id) {
        Set<String> nodes = new TreeSet<>();
        active.forEach((n, rs) -> {
            if (rs.containsKey(id)) {
                nodes.add(n);
            }
        });
        return nodes;
    }

    static String describe(List<String> problems) {
        return problems.isEmpty() ? "settled" : String.join("; ", problems.stream().filter(Objects::nonNull).toList());
    }
}
