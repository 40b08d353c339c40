package org.vigil.transition;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A scheduler decision ready to execute: actions in a DAG.
 *
 * @param migrationLimit concurrent migrations allowed per node (-1 = unlimited), from {@code migration-limit}
 * @param summary        the human summary lines ({@code * Start vm01 ( node1 )}), for logs and reports
 * @param recheckBy      when the scheduler must look again because time alone changes its answer (a failure
 *                       expiring, a date rule's bound); null when nothing depends on time
 */
public record TransitionGraph(List<GraphAction> actions, int migrationLimit, List<String> summary,
        java.time.Instant recheckBy) {
    public static final TransitionGraph EMPTY = new TransitionGraph(List.of(), -1, List.of());

    /** A graph whose answer does not change with time alone. */
    public TransitionGraph(List<GraphAction> actions, int migrationLimit, List<String> summary) {
        this(actions, migrationLimit, summary, null);
    }

    public TransitionGraph {
        actions = List.copyOf(actions);
        summary = summary == null ? List.of() : List.copyOf(summary);
        Set<Integer> ids = new HashSet<>();
        for (GraphAction a : actions) {
            if (!ids.add(a.id())) {
                throw new IllegalArgumentException("duplicate action id " + a.id());
            }
        }
        for (GraphAction a : actions) {
            for (int p : a.predecessors()) {
                if (!ids.contains(p)) {
                    throw new IllegalArgumentException("action " + a.id() + " waits for unknown action " + p);
                }
            }
        }
    }

    public boolean isEmpty() {
        return actions.isEmpty();
    }
}
