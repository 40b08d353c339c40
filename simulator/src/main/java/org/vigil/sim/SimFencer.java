package org.vigil.sim;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The fencing device: after its delay it powers the target off (and, for reboot, on again later), unless it
 * is set to fail. The requester must still be up when the device acts — in a two-node fence race the node
 * shot first cannot shoot back.
 */
public final class SimFencer {
    /** What the simulated cluster does when a node is powered off or on. */
    public interface Power {
        void powerOff(String node);

        void powerOn(String node);

        SimNodeHealth health(String node);
    }

    private final EventLoop loop;
    private final Power power;
    private Duration delay = Duration.ofSeconds(5);
    private Duration rebootTime = Duration.ofSeconds(60);
    private boolean failing;

    public SimFencer(EventLoop loop, Power power) {
        this.loop = loop;
        this.power = power;
    }

    public void configure(Duration delay, Duration rebootTime) {
        this.delay = delay;
        this.rebootTime = rebootTime;
    }

    public void setFailing(boolean failing) {
        this.failing = failing;
    }

    public void fence(String requester, String target, String action, Consumer<Boolean> done) {
        loop.at(loop.now().plus(delay), "fence device: " + requester + " -> " + target + " " + action, () -> {
            if (power.health(requester) != SimNodeHealth.UP) {
                return; // the requester died before its request went through
            }
            if (failing) {
                done.accept(false);
                return;
            }
            power.powerOff(target);
            if (!action.equals("off")) {
                loop.at(loop.now().plus(rebootTime), "power on " + target + " after fencing",
                        () -> power.powerOn(target));
            }
            done.accept(true);
        });
    }
}
