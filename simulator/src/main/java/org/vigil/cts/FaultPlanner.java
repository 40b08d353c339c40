package org.vigil.cts;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Chooses the next fault from the seed, among those the cluster's state allows: a fault that may take a node
 * down only while the remaining nodes keep quorum, a rejoin only when a node is down. Every step draws the same
 * number of values from the random source, so the same seed gives the same choices for the same states.
 */
final class FaultPlanner {
    /** What the planner needs to know of the cluster. */
    record Facts(int nodes, int running, boolean someoneDown, boolean cutsAvailable) {}

    /** A chosen fault and the rolls its execution uses to pick a target, a duration and a variant (each in [0,1)). */
    record Step(FaultKind kind, double target, double duration, double variant) {
        /** One of {@code n} choices, by the target roll. */
        int pick(int n) {
            return Math.min(n - 1, (int) (target * n));
        }
    }

    private final Random random;
    private final Set<FaultKind> allowed;

    FaultPlanner(long seed, Set<FaultKind> allowed) {
        this.random = new Random(seed);
        this.allowed = Set.copyOf(allowed);
    }

    Step next(Facts f) {
        double kindRoll = random.nextDouble();
        double target = random.nextDouble();
        double duration = random.nextDouble();
        double variant = random.nextDouble();
        List<FaultKind> eligible = eligible(f);
        int total = eligible.stream().mapToInt(k -> k.weight).sum();
        double at = kindRoll * total;
        FaultKind chosen = eligible.get(eligible.size() - 1);
        for (FaultKind k : eligible) {
            at -= k.weight;
            if (at < 0) {
                chosen = k;
                break;
            }
        }
        return new Step(chosen, target, duration, variant);
    }

    List<FaultKind> eligible(Facts f) {
        boolean quorumSurvivesOneMore = (f.running() - 1) * 2 > f.nodes();
        boolean quorate = f.running() * 2 > f.nodes();
        List<FaultKind> out = new ArrayList<>();
        for (FaultKind k : FaultKind.values()) {
            boolean ok;
            if (k == FaultKind.REJOIN) {
                ok = f.someoneDown(); // always allowed: it is how the cluster gets its nodes back
            } else {
                ok = allowed.contains(k) && quorate && (!k.takesNodeDown || quorumSurvivesOneMore)
                        && (!k.needsCuts() || f.cutsAvailable());
            }
            if (ok) {
                out.add(k);
            }
        }
        if (out.isEmpty()) {
            // nothing the operator asked for fits this state: a commit is always harmless with quorum
            out.add(quorate ? FaultKind.COMMIT : FaultKind.REJOIN);
        }
        return out;
    }
}
