package org.vigil.transition;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
    private final Map<Integer, GraphAction> byId = new LinkedHashMap<>();
    private final Map<Integer, State> state = new HashMap<>();
    private final Map<Integer, List<GraphAction>> successors = new HashMap<>();
    private final Map<String, Integer> migrationsInFlight = new HashMap<>();
    private boolean aborted;
    private String abortReason;
    /** How many actions are in each state, so that "finished?" after every result needs no scan. */
    private final Map<State, Integer> counts = new java.util.EnumMap<>(State.class);

    public TransitionExecutor(TransitionGraph graph, Dispatcher dispatcher) {
        this.graph = graph;
        this.dispatcher = dispatcher;
        for (GraphAction a : graph.actions()) {
            byId.put(a.id(), a);
            if (state.put(a.id(), State.WAITING) == null) {
                counts.merge(State.WAITING, 1, Integer::sum);
            }
            for (int p : a.predecessors()) {
                successors.computeIfAbsent(p, k -> new ArrayList<>()).add(a);
            }
        }
    }

    public TransitionGraph graph() {
        return graph;
    }

    /** Dispatches everything that has no predecessors. */
    public void start() {
        dispatchReady(graph.actions());
    }

    /** A dispatched action finished; {@code success} false aborts the rest of the transition. */
    public void completed(int id, boolean success) {
        GraphAction a = byId.get(id);
        if (a == null || state.get(id) != State.IN_FLIGHT) {
            return;
        }
        set(id, success ? State.DONE : State.FAILED);
        if (a.isMigration()) {
            migrationsInFlight.merge(a.node(), -1, Integer::sum);
        }
        if (!success) {
            abort("action " + a.key() + (a.node() == null ? "" : " on " + a.node()) + " failed");
        }
        // A finished migration frees a slot for another, anywhere in the graph.
        dispatchReady(a.isMigration() ? graph.actions() : successors.getOrDefault(id, List.of()));
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
        return !aborted && count(State.DONE) == state.size();
    }

    public State state(int id) {
        return state.get(id);
    }

    public int inFlight() {
        return count(State.IN_FLIGHT);
    }

    private int count(State s) {
        return counts.getOrDefault(s, 0);
    }

    private void set(int id, State s) {
        counts.merge(state.put(id, s), -1, Integer::sum);
        counts.merge(s, 1, Integer::sum);
    }

    private void dispatchReady(List<GraphAction> candidates) {
        Deque<GraphAction> work = new ArrayDeque<>(candidates);
        while (!work.isEmpty() && !aborted) {
            GraphAction a = work.poll();
            if (state.get(a.id()) != State.WAITING || !predecessorsDone(a)) {
                continue;
            }
            if (a.pseudo()) {
                set(a.id(), State.DONE);
                work.addAll(successors.getOrDefault(a.id(), List.of()));
                continue;
            }
            if (a.isMigration() && graph.migrationLimit() >= 0
                    && migrationsInFlight.getOrDefault(a.node(), 0) >= graph.migrationLimit()) {
                continue; // retried when a migration on that node completes
            }
            set(a.id(), State.IN_FLIGHT);
            if (a.isMigration()) {
                migrationsInFlight.merge(a.node(), 1, Integer::sum);
            }
            dispatcher.dispatch(a);
        }
    }

    private boolean predecessorsDone(GraphAction a) {
        for (int p : a.predecessors()) {
            if (state.get(p) != State.DONE) {
                return false;
            }
        }
        return true;
    }
}
