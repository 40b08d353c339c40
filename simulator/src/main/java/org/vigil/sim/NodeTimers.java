package org.vigil.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.vigil.world.Cancellable;
import org.vigil.world.Timers;

/**
 * A node's view of the event loop: while the node is hung its timers wait for it to resume; once it is
 * powered off they never fire (its processes are gone). The LRM's timers may be handed to
 * {@link SteadyMonitors}, which keeps a recurring monitor with a foreseeable result off the event queue.
 */
final class NodeTimers implements Timers {
    private static final Duration HUNG_POLL = Duration.ofMillis(100);

    private final EventLoop loop;
    private final Supplier<SimNodeHealth> health;
    private final Supplier<Long> incarnation;
    private final SteadyMonitors steady;

    NodeTimers(EventLoop loop, Supplier<SimNodeHealth> health, Supplier<Long> incarnation, SteadyMonitors steady) {
        this.loop = loop;
        this.health = health;
        this.incarnation = incarnation;
        this.steady = steady;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Timer t = new Timer(task, incarnation.get());
        Duration d = delay.isNegative() ? Duration.ZERO : delay;
        if (steady == null || !steady.adopt(d, t)) {
            t.at(loop.now().plus(d));
        }
        return t;
    }

    /** One timer; it dies with the process (node incarnation) that set it. */
    final class Timer implements Cancellable {
        private final Runnable task;
        private final long born;
        private boolean cancelled;
        private Cancellable event;

        private Timer(Runnable task, long born) {
            this.task = task;
            this.born = born;
        }

        /** Puts the timer on the event queue, due at {@code when}. */
        void at(Instant when) {
            event = loop.at(when, null, this::fire);
        }

        /**
         * Runs the task now whatever the node's state: for work that logically began earlier, while the
         * node was up.
         */
        void runNow() {
            if (alive()) {
                task.run();
            }
        }

        boolean alive() {
            return !cancelled && incarnation.get() == born;
        }

        @Override
        public void cancel() {
            cancelled = true;
            if (event != null) {
                event.cancel();
            }
        }

        private void fire() {
            if (!alive()) {
                return; // the process that set this timer died with its node
            }
            if (health.get() == SimNodeHealth.HUNG) {
                event = loop.schedule(HUNG_POLL, this::fire);
                return;
            }
            if (health.get() == SimNodeHealth.UP) {
                task.run();
            }
        }
    }
}
