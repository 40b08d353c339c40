package org.vigil.node;

import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.vigil.cib.Cib;
import org.vigil.controller.TransitionObserver;
import org.vigil.transition.GraphAction;
import org.vigil.transition.TransitionGraph;

/**
 * Hands a {@link TransitionObserver}'s calls to a thread of its own, in the order they came. The controller
 * calls its observer on the daemon's event thread, where a DC takeover waits behind everything queued:
 * storing a transition's input (the whole CIB, written and fsynced) there delayed every recovery by as long
 * as the disk took. What the observer is told is immutable (CIB, graph, instants taken by the controller), so
 * recording it a little later records the same thing.
 */
final class BackgroundObserver implements TransitionObserver, AutoCloseable {
    /** How long {@link #close} waits for what is queued to be recorded. */
    static final long DRAIN_MS = 2_000;

    private final TransitionObserver target;
    private final ExecutorService thread;
    private final Consumer<String> log;

    BackgroundObserver(String name, TransitionObserver target, Consumer<String> log) {
        this.target = target;
        this.log = log;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vigild-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void started(int id, String trigger, Cib input, Instant now, TransitionGraph graph) {
        post(() -> target.started(id, trigger, input, now, graph));
    }

    @Override
    public void actionDone(int id, GraphAction action, boolean ok, String detail, Instant at) {
        post(() -> target.actionDone(id, action, ok, detail, at));
    }

    @Override
    public void finished(int id, boolean succeeded, String abortReason, Instant at) {
        post(() -> target.finished(id, succeeded, abortReason, at));
    }

    private void post(Runnable call) {
        try {
            thread.execute(() -> {
                try {
                    call.run();
                } catch (RuntimeException e) {
                    // a record that cannot be made must not stop the ones after it
                    log.accept("transition observer: " + e);
                }
            });
        } catch (RejectedExecutionException e) {
            // closed: the daemon is on its way out, nothing more is recorded
        }
    }

    /** Records what is queued (bounded wait), then stops. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(DRAIN_MS, TimeUnit.MILLISECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
