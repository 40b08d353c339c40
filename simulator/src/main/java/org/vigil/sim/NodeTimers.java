package org.vigil.sim;

import java.time.Duration;
import java.util.function.Supplier;
import org.vigil.world.Cancellable;
import org.vigil.world.Timers;

/**
 * A node's view of the event loop: while the node is hung its timers wait for it to resume; once it is
 * powered off they never fire (its processes are gone).
 */
final class NodeTimers implements Timers {
    private final EventLoop loop;
    private final Supplier<SimNodeHealth> health;
    private final Supplier<Long> incarnation;

    NodeTimers(EventLoop loop, Supplier<SimNodeHealth> health, Supplier<Long> incarnation) {
        this.loop = loop;
        this.health = health;
        this.incarnation = incarnation;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        long born = incarnation.get();
        boolean[] cancelled = new boolean[1];
        Cancellable c = loop.schedule(delay, () -> fire(task, born, cancelled));
        return () -> {
            cancelled[0] = true;
            c.cancel();
        };
    }

    private void fire(Runnable task, long born, boolean[] cancelled) {
        if (cancelled[0] || incarnation.get() != born) {
            return; // the process that set this timer died with its node
        }
        if (health.get() == SimNodeHealth.HUNG) {
            loop.schedule(Duration.ofMillis(100), () -> fire(task, born, cancelled));
            return;
        }
        if (health.get() == SimNodeHealth.UP) {
            task.run();
        }
    }
}
