package org.vigil.agents;

import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One submitted action of {@link LocalAgentExecutor}: whoever reports first (the worker, the
 * watchdog, a cancel, or close) wins, and the callback runs exactly once.
 */
final class PendingAction<T> implements ActionHandle {
    private final AtomicBoolean reported = new AtomicBoolean();
    private final Consumer<T> onDone;
    private final Supplier<T> cancelled;
    private final Consumer<PendingAction<?>> onReported;
    private volatile Future<?> task;
    private volatile Future<?> watchdog;

    PendingAction(Consumer<T> onDone, Supplier<T> cancelled, Consumer<PendingAction<?>> onReported) {
        this.onDone = onDone;
        this.cancelled = cancelled;
        this.onReported = onReported;
    }

    void started(Future<?> worker, Future<?> timer) {
        this.task = worker;
        this.watchdog = timer;
        if (reported.get()) {
            timer.cancel(false);
        }
    }

    /** Reports {@code result} unless something else already did; true if this call reported. */
    boolean report(T result) {
        if (!reported.compareAndSet(false, true)) {
            return false;
        }
        onReported.accept(this);
        Future<?> w = watchdog;
        if (w != null) {
            w.cancel(false);
        }
        onDone.accept(result);
        return true;
    }

    /** The watchdog fired: report the timeout and interrupt the worker so it kills its children. */
    void timeOut(T result) {
        report(result);
        interruptWorker();
    }

    @Override
    public boolean cancel() {
        // report first: the interrupted agent may still return a result of its own
        if (!report(cancelled.get())) {
            return false;
        }
        interruptWorker();
        return true;
    }

    private void interruptWorker() {
        Future<?> t = task;
        if (t != null) {
            t.cancel(true);
        }
    }

    @Override
    public boolean isDone() {
        return reported.get();
    }
}
