package org.vigil.fencing;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;
import org.vigil.world.Cancellable;
import org.vigil.world.Clock;
import org.vigil.world.Timers;

/** One event loop with virtual time: the daemon's event thread, clock and timers for tests. */
final class VirtualWorld implements Clock, Timers, Executor {
    private record Task(Instant at, long seq, Runnable run, boolean[] cancelled) {}

    private final PriorityQueue<Task> queue = new PriorityQueue<>((a, b) -> a.at.equals(b.at)
            ? Long.compare(a.seq, b.seq) : a.at.compareTo(b.at));
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private long seq;
    private boolean inLoop;

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        boolean[] cancelled = {false};
        queue.add(new Task(now.plus(delay), seq++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    @Override
    public void execute(Runnable command) {
        schedule(Duration.ZERO, command);
    }

    /** True while a task of this loop runs: code that must run on the event thread checks this. */
    boolean onEventThread() {
        return inLoop;
    }

    /** Runs the tasks due within {@code d}, in time order, and moves the clock to its end. */
    void runFor(Duration d) {
        Instant end = now.plus(d);
        for (int steps = 0; !queue.isEmpty() && !queue.peek().at.isAfter(end); steps++) {
            if (steps > 100_000) {
                throw new AssertionError("event loop does not settle by " + now);
            }
            run(queue.poll());
        }
        now = end;
    }

    private void run(Task t) {
        if (t.cancelled[0]) {
            return;
        }
        now = t.at;
        inLoop = true;
        try {
            t.run.run();
        } finally {
            inLoop = false;
        }
    }

    /** Runs tasks in time order until none is left (or the step limit, for runaway tests). */
    void runUntilIdle() {
        for (int steps = 0; !queue.isEmpty(); steps++) {
            if (steps > 1_000_000) {
                throw new AssertionError("event loop does not settle");
            }
            run(queue.poll());
        }
    }
}
