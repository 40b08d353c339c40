package org.vigil.transition;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries out one transition graph: dispatches every action whose predecessors are done, completes pseudo
 * actions on the spot, holds migrations back beyond {@code migration-limit} per node, and after a failure or
 * an abort dispatches nothing new while letting in-flight actions finish. Single-threaded; the caller feeds
 * results in through {@link #completed}.
 */
public final class TransitionExecutor {
    /** Sends a real action on its way; its result must come back through {@link #completed}. */
    @FunctionalInterface
    public interface Dispatcher {
        void dispatch(GraphAction action);
    }

    /** Where an action stands. */
    public enum State {
        WAITING,
        IN_FLIGHT,
        DONE,
        FAILED
    }

    private final TransitionGraph graph;
    private final Dispatcher dispatcher;
    // Actions by their place in the graph (ids are unique: the graph checks), so that following a result
    // through the graph is array work, not boxed map lookups: a rejoining node's probes are hundreds.
    private final GraphAction[] actions;
    private final Map<Integer, Integer> placeOf;
    private final int[][] predecessors;
    private final int[][] successors;
    private final State[] state;
    private final Map<String, Integer> migrationsInFlight = new HashMap<>();
    private boolean aborted;
    private String abortReason;
    /** How many actions are in each state, so that "finished?" after every result needs no scan. */
    private final int[] counts = new int[State.values().length];

    public TransitionExecutor(TransitionGraph graph, Dispatcher dispatcher) {
        this.graph = graph;
        this.dispatcher = dispatcher;
        List<GraphAction> all = graph.actions();
        int n = all.size();
        actions = all.toArray(new GraphAction[0]);
        placeOf = new HashMap<>(Math.max(16, n * 2));
        for (int i = 0; i < n; i++) {
            placeOf.put(actions[i].id(), i);
        }
        predecessors = new int[n][];
        int[] successorCount = new int[n];
        for (int i = 0; i < n; i++) {
            List<Integer> preds = actions[i].predecessors();
            predecessors[i] = new int[preds.size()];
            for (int k = 0; k < preds.size(); k++) {
                int p = placeOf.get(preds.get(k));
                predecessors[i][k] = p;
                successorCount[p]++;
            }
        }
        successors = new int[n][];
        for (int i = 0; i < n; i++) {
            successors[i] = new int[successorCount[i]];
            successorCount[i] = 0;
        }
        for (int i = 0; i < n; i++) {
            for (int p : predecessors[i]) {
                successors[p][successorCount[p]++] = i;
            }
        }
        state = new State[n];
        java.util.Arrays.fill(state, State.WAITING);
        counts[State.WAITING.ordinal()] = n;
    }

    public TransitionGraph graph() {
        return graph;
    }

    /** Dispatches everything that has no predecessors. */
    public void start() {
        dispatchReady(everything());
    }

    /** A dispatched action finished; {@code success} false aborts the rest of the transition. */
    public void completed(int id, boolean success) {
        Integer at = placeOf.get(id);
        if (at == null || state[at] != State.IN_FLIGHT) {
            return;
        }
        GraphAction a = actions[at];
        set(at, success ? State.DONE : State.FAILED);
        if (a.isMigration()) {
            migrationsInFlight.merge(a.node(), -1, Integer::sum);
        }
        if (!success) {
            abort("action " + a.key() + (a.node() == null ? "" : " on " + a.node()) + " failed");
        }
        // A finished migration frees a slot for another, anywhere in the graph.
        dispatchReady(a.isMigration() ? everything() : successors[at]);
    }

    private int[] everything() {
        int[] all = new int[actions.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return all;
    }

    /** Stop dispatching; in-flight actions still report. The first reason is kept. */
    public void abort(String reason) {
        if (!aborted) {
            aborted = true;
            abortReason = reason;
        }
    }

    public boolean aborted() {
        return aborted;
    }

    public String abortReason() {
        return abortReason;
    }

    /** Nothing in flight and nothing more will be dispatched. */
    public boolean finished() {
        if (count(State.IN_FLIGHT) > 0) {
            return false;
        }
        return aborted || count(State.WAITING) == 0;
    }

    /** Every action completed successfully. */
    public boolean succeeded() {
        return !aborted && count(State.DONE) == state.length;
    }

    public State state(int id) {
        Integer at = placeOf.get(id);
        return at == null ? null : state[at];
    }

    public int inFlight() {
        return count(State.IN_FLIGHT);
    }

    private int count(State s) {
        return counts[s.ordinal()];
    }

    private void set(int at, State s) {
        counts[state[at].ordinal()]--;
        state[at] = s;
        counts[s.ordinal()]++;
    }

    private void dispatchReady(int[] candidates) {
        Deque<Integer> work = new ArrayDeque<>(candidates.length);
        for (int c : candidates) {
            work.add(c);
        }
        while (!work.isEmpty() && !aborted) {
            int at = work.poll();
            GraphAction a = actions[at];
            if (state[at] != State.WAITING || !predecessorsDone(at)) {
                continue;
            }
            if (a.pseudo()) {
                set(at, State.DONE);
                for (int next : successors[at]) {
                    work.add(next);
                }
                continue;
            }
            if (a.isMigration() && graph.migrationLimit() >= 0
                    && migrationsInFlight.getOrDefault(a.node(), 0) >= graph.migrationLimit()) {
                continue; // retried when a migration on that node completes
            }
            set(at, State.IN_FLIGHT);
            if (a.isMigration()) {
                migrationsInFlight.merge(a.node(), 1, Integer::sum);
            }
            dispatcher.dispatch(a);
        }
    }

    private boolean predecessorsDone(int at) {
        for (int p : predecessors[at]) {
            if (state[p] != State.DONE) {
                return false;
            }
        }
        return true;
    }
}
