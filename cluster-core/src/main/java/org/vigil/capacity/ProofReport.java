package org.vigil.capacity;

import java.util.List;

/**
 * The result of an N+1 (or N+2) capacity proof.
 *
 * @param members        the nodes up before any failure (the ones failed in turn)
 * @param down           cluster nodes already down (offline or unclean) before any failure
 * @param assumedOnline  configured nodes without status, taken as online members
 * @param depth          1: every single node failure; 2: also every pair
 * @param activeBefore   primitives (instances counted one by one) running once the cluster has settled
 * @param outcomes       one per failure, singles first
 * @param schedulerRuns  how many times the scheduler ran (the settled cluster plus one per failure)
 * @param unsupported    what the scheduler reported it does not implement for this CIB (the answer may be
 *                       incomplete)
 */
public record ProofReport(List<String> members, List<String> down, List<String> assumedOnline, int depth, int activeBefore,
        List<FailureOutcome> outcomes, int schedulerRuns, List<String> unsupported) {
    public ProofReport {
        members = List.copyOf(members);
        down = List.copyOf(down);
        assumedOnline = List.copyOf(assumedOnline);
        outcomes = List.copyOf(outcomes);
        unsupported = List.copyOf(unsupported);
    }

    /** Every failure is survivable: no resource stops or loses its promotion. */
    public boolean survivable() {
        return outcomes.stream().allMatch(FailureOutcome::survivable);
    }

    public List<FailureOutcome> unsurvivable() {
        return outcomes.stream().filter(o -> !o.survivable()).toList();
    }
}
