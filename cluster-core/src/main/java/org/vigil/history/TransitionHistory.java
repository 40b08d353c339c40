package org.vigil.history;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.vigil.cib.Cib;
import org.vigil.cib.NvSets;
import org.vigil.controller.TransitionObserver;
import org.vigil.transition.GraphAction;
import org.vigil.transition.TransitionGraph;

/**
 * Records every transition this node runs as DC into its {@link HistoryStore}: the input when the scheduler
 * decided, each action's result as it comes, the end. How many are kept is the cluster property
 * {@code pe-input-series-max} of the input (Pacemaker's default 4000; negative keeps all, 0 none).
 */
public final class TransitionHistory implements TransitionObserver {
    static final long DEFAULT_KEEP = 4000;

    private final String self;
    private final HistoryStore store;
    private final Consumer<String> log;
    /** Records of transitions still running, by the controller's transition id. */
    private final Map<Integer, TransitionRecord> running = new HashMap<>();

    public TransitionHistory(String self, HistoryStore store, Consumer<String> log) {
        this.self = self;
        this.store = store;
        this.log = log;
    }

    public HistoryStore store() {
        return store;
    }

    @Override
    public void started(int id, String trigger, Cib input, Instant now, TransitionGraph graph) {
        long keep = keep(input);
        if (keep == 0) {
            return;
        }
        try {
            long number = store.saveInput(input, now.getEpochSecond());
            List<TransitionRecord.ActionRecord> actions = new ArrayList<>();
            for (GraphAction a : graph.actions()) {
                // pseudo actions (a clone's "running", a fencing's "stonith_complete") run nowhere and report nothing
                actions.add(new TransitionRecord.ActionRecord(a.id(), a.key(), a.node(), a.task(),
                        a.pseudo() ? "pseudo" : "pending", "", 0));
            }
            TransitionRecord r = new TransitionRecord(self, number, id, trigger, now.toEpochMilli(), graph.summary(),
                    actions, 0, "running");
            running.put(id, r);
            store.save(r);
            store.prune(keep);
        } catch (IOException e) {
            log.accept("transition history: cannot store transition " + id + ": " + e.getMessage());
        }
    }

    @Override
    public void actionDone(int id, GraphAction action, boolean ok, String detail, Instant at) {
        TransitionRecord r = running.get(id);
        if (r != null) {
            running.put(id, r.withAction(action.id(), ok ? "ok" : "failed", detail, at.toEpochMilli()));
        }
    }

    @Override
    public void finished(int id, boolean succeeded, String abortReason, Instant at) {
        TransitionRecord r = running.remove(id);
        if (r == null) {
            return;
        }
        try {
            store.save(r.finished(at.toEpochMilli(), succeeded ? "complete" : "aborted: " + abortReason));
        } catch (IOException e) {
            log.accept("transition history: cannot store the end of transition " + id + ": " + e.getMessage());
        }
    }

    static long keep(Cib input) {
        String v = NvSets.firstValue(input.configuration().clusterProperties(), "pe-input-series-max").orElse(null);
        if (v == null) {
            return DEFAULT_KEEP;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return DEFAULT_KEEP;
        }
    }
}
