package org.vigil.sim;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Runs numbered simulations {@code 0..total-1} on a few threads and hands their results back in order.
 * Each simulation stays single-threaded and deterministic; only independent runs (other seeds) overlap.
 * With one job everything runs on the caller's thread, as a plain loop would.
 */
final class ParallelRuns<T> implements AutoCloseable {
    private final int total;
    private final IntFunction<T> run;
    private final ExecutorService pool;
    private final int window;
    private final ArrayDeque<Future<T>> ahead = new ArrayDeque<>();
    private int submitted;
    private int taken;

    ParallelRuns(int total, int jobs, IntFunction<T> run) {
        this.total = total;
        this.run = run;
        this.pool = jobs > 1 ? Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "vigil-sim-run");
            t.setDaemon(true);
            return t;
        }) : null;
        // a few runs ahead keep every thread busy without holding many finished traces in memory
        this.window = jobs * 2;
        fill();
    }

    /** The next run's result, in order; a run that threw rethrows here. */
    T next() {
        if (taken >= total) {
            throw new IllegalStateException("all " + total + " runs were taken");
        }
        if (pool == null) {
            return run.apply(taken++);
        }
        Future<T> f = ahead.poll();
        taken++;
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a simulation", e);
        } finally {
            fill();
        }
    }

    private void fill() {
        while (pool != null && submitted < total && ahead.size() < window) {
            int i = submitted++;
            ahead.add(pool.submit(() -> run.apply(i)));
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
