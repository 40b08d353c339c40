package org.vigil.node;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.vigil.world.Cancellable;
import org.vigil.world.Timers;

/**
 * The daemon's one event thread: membership views, messages, agent results, IPC requests and timers all
 * run here one at a time, so the controller and the LRM (which are single-threaded by design, as in the
 * simulator) never see two callers at once. After every task the {@code afterEach} hook runs (it pushes
 * and persists the CIB when it changed).
 */
final class DaemonLoop implements Executor, Timers, AutoCloseable {
    private final ScheduledExecutorService thread;
    private final Consumer<String> log;
    private volatile Runnable afterEach = () -> {};

    DaemonLoop(String name, Consumer<String> log) {
        this.log = log;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigild-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    void afterEach(Runnable hook) {
        this.afterEach = hook;
    }

    @Override
    public void execute(Runnable task) {
        try {
            thread.execute(() -> run(task));
        } catch (RejectedExecutionException e) {
            // shutting down: nothing runs any more
        }
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        try {
            ScheduledFuture<?> f = thread.schedule(() -> run(task), Math.max(0, delay.toMillis()),
                    TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        } catch (RejectedExecutionException e) {
            return () -> {};
        }
    }

    private void run(Runnable task) {
        try {
            task.run();
            afterEach.run();
        } catch (RuntimeException | Error e) {
            // one bad event must not stop the node: log it with where it came from
            StringBuilder where = new StringBuilder();
            for (StackTraceElement s : e.getStackTrace()) {
                if (where.length() > 0) {
                    where.append(" < ");
                }
                where.append(s.getClassName().substring(s.getClassName().lastIndexOf('.') + 1)).append(':')
                        .append(s.getLineNumber());
                if (where.length() > 300) {
                    break;
                }
            }
            log.accept("internal error: " + e + " at " + where);
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(2, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
