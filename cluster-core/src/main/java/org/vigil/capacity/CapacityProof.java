package org.vigil.capacity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.vigil.cib.Cib;
import org.vigil.scheduler.ClusterView;
import org.vigil.scheduler.Scheduler;
import org.vigil.scheduler.Transition;

/**
 * N+1 redundancy (Ganeti's term): for every node (and with depth 2 every pair of nodes) the real scheduler
 * is run on the CIB as it would be once those nodes were fenced, and whatever would stop or lose its
 * promotion compared with the settled cluster is reported with the scheduler's reasons. Resources the
 * scheduler would not run anyway (stopped, disabled, banned everywhere) are not counted. A clone instance that
 * ran on a failed node is expected to go with it; instances on surviving nodes are not.
 */
public final class CapacityProof {
    private final Scheduler scheduler;

    /** @param scheduler an explaining scheduler ({@code new Scheduler()}): the proof reads its explanations */
    public CapacityProof(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    public ProofReport prove(Cib input, Instant now, int depth) {
        if (depth < 1 || depth > 2) {
            throw new IllegalArgumentException("depth must be 1 or 2, not " + depth);
        }
        List<String> unseen = FailedNodes.unseen(input);
        Cib cib = FailedNodes.assumeUnseenOnline(input, unseen);
        Transition base = scheduler.schedule(cib, now);
        Settled before = Settled.of(base.revised());
        List<String> members = members(base.current());
        Set<String> unsupported = new LinkedHashSet<>(base.unsupported());
        List<FailureOutcome> outcomes = new ArrayList<>();
        int runs = 1;
        for (List<String> failed : failures(members, depth)) {
            Set<String> down = Set.copyOf(failed);
            Transition run = scheduler.schedule(FailedNodes.fence(cib, down, members), now);
            runs++;
            unsupported.addAll(run.unsupported());
            Set<String> survivors = new LinkedHashSet<>(members);
            survivors.removeAll(down);
            List<Loss> losses = new Comparison(before, Settled.of(run.revised()), down,
                    new Reasons(run, survivors)).losses();
            outcomes.add(new FailureOutcome(failed, FailedNodes.quorate(down, members,
                    FailedNodes.clusterNodes(cib).size()), losses));
        }
        List<String> down = new ArrayList<>(FailedNodes.clusterNodes(cib));
        down.removeAll(members);
        return new ProofReport(members, down, unseen, depth, activeCount(before), outcomes, runs,
                List.copyOf(unsupported));
    }

    /** Nodes in the membership: not offline, not unclean (standby and maintenance nodes still vote). */
    private static List<String> members(ClusterView view) {
        List<String> out = new ArrayList<>();
        for (ClusterView.NodeLine n : view.nodes()) {
            if (!n.state().startsWith("offline") && !n.state().startsWith("UNCLEAN")) {
                out.add(n.name());
            }
        }
        return out;
    }

    static List<List<String>> failures(List<String> members, int depth) {
        List<List<String>> out = new ArrayList<>();
        for (String m : members) {
            out.add(List.of(m));
        }
        if (depth == 2) {
            for (int i = 0; i < members.size(); i++) {
                for (int j = i + 1; j < members.size(); j++) {
                    out.add(List.of(members.get(i), members.get(j)));
                }
            }
        }
        return out;
    }

    private static int activeCount(Settled s) {
        long n = s.singles().values().stream().filter(Settled.Single::active).count();
        for (Settled.CloneMember c : s.clones().values()) {
            n += c.active();
        }
        return (int) n;
    }
}
