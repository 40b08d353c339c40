package org.vigil.node;

import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.vigil.cib.Cib;
import org.vigil.controller.PolicyEngine;

/**
 * Runs a scheduler of its own a few times on the CIB this node holds, on a low-priority thread, and throws
 * the answers away. A node that is not the DC never schedules, so when it takes over (the DC was lost) its
 * first scheduler run was also the JVM's first: interpreted code and class loading, several hundred
 * milliseconds on the path of every recovery. Warmed at start and when the configuration changes, the
 * takeover's run is compiled code. Nothing of what it computes is used.
 */
final class SchedulerWarmUp implements AutoCloseable {
    /** Runs per warm-up: enough for the JIT's first tier to compile the scheduler's hot paths. */
    static final int RUNS = 5;

    private final ExecutorService thread;
    /** The CIB to warm up on next; null when nothing is waiting (later CIBs replace a waiting one). */
    private final AtomicReference<Cib> waiting = new AtomicReference<>();

    SchedulerWarmUp(String name) {
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vigild-warmup-" + name);
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
    }

    /** Warms the scheduler up on {@code cib} soon; returns at once. */
    void warm(Cib cib) {
        if (cib == null || waiting.getAndSet(cib) != null) {
            return; // a warm-up is already queued: it takes the newest CIB
        }
        try {
            thread.execute(this::run);
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    private void run() {
        Cib cib = waiting.getAndSet(null);
        if (cib == null) {
            return;
        }
        for (int i = 0; i < RUNS && !Thread.currentThread().isInterrupted(); i++) {
            try {
                // a new engine each run: one remembers its decisions, and the real one's memory stays the DC's
                new PolicyEngine().schedule(cib, Instant.now());
            } catch (RuntimeException e) {
                return; // a CIB the scheduler refuses: the DC's own run reports it
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
