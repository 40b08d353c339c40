package org.vigil.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.vigil.agents.ActionHandle;
import org.vigil.agents.ActionName;
import org.vigil.agents.AgentAction;
import org.vigil.agents.AgentExecutor;
import org.vigil.agents.AgentResult;
import org.vigil.agents.ExecStatus;
import org.vigil.agents.OcfStatus;
import org.vigil.world.Cancellable;

/**
 * One node's agents, simulated as state machines on the event loop: actions take the profile's time,
 * change the {@link GroundTruth}, and fail or hang when the {@link FaultPlan} says so. A powered-off node
 * never answers; a hung node answers only after it resumes.
 */
public final class SimAgentExecutor implements AgentExecutor {
    private final String node;
    private final EventLoop loop;
    private final GroundTruth truth;
    private final FaultPlan faults;
    private final Function<String, ResourceProfile> profiles;
    private SimNodeHealth health = SimNodeHealth.UP;
    /** A slow node (overloaded, swapping, degraded disk) takes this many times longer for every action. */
    private int slowFactor = 1;
    private final List<Runnable> heldWhileHung = new ArrayList<>();
    private final SteadyMonitors steady;
    /**
     * The interval of the recurring monitor running per resource here, or {@link #SEVERAL} when it has more
     * than one (a chain needs its resource's slot alone).
     */
    private final java.util.Map<String, Long> recurring = new java.util.HashMap<>();
    private static final long SEVERAL = -1;

    SimAgentExecutor(String node, EventLoop loop, GroundTruth truth, FaultPlan faults,
            Function<String, ResourceProfile> profiles, SteadyMonitors steady) {
        this.node = node;
        this.steady = steady;
        this.loop = loop;
        this.truth = truth;
        this.faults = faults;
        this.profiles = profiles;
    }

    public void setSlowFactor(int factor) {
        steady.wakeAll();
        this.slowFactor = Math.max(1, factor);
    }

    public SimNodeHealth health() {
        return health;
    }

    /** Power loss: every resource here stops existing and no pending action will ever report. */
    public void crash() {
        health = SimNodeHealth.DOWN;
        heldWhileHung.clear();
        recurring.clear();
        steady.forget();
        truth.nodeLost(node);
    }

    public void hang() {
        steady.wakeAll();
        if (health == SimNodeHealth.UP) {
            health = SimNodeHealth.HUNG;
        }
    }

    public void resume() {
        if (health == SimNodeHealth.HUNG) {
            health = SimNodeHealth.UP;
            List<Runnable> held = List.copyOf(heldWhileHung);
            heldWhileHung.clear();
            held.forEach(Runnable::run);
        }
    }

    /** Back from a power cycle with nothing running. */
    public void boot() {
        health = SimNodeHealth.UP;
    }

    @Override
    public ActionHandle execute(AgentAction action, Consumer<AgentResult> onDone) {
        String rsc = action.resourceInstance();
        steady.busy(rsc);
        long interval = recurringInterval(action);
        trackRecurring(rsc, action.action(), interval);
        java.time.Instant started = interval > 0 ? steady.startedAt(rsc, interval) : null;
        ResourceProfile profile = profiles.apply(rsc);
        // a monitor run resumed from a chain began before anything changed: no fault added since applies
        FaultPlan.AgentFault fault = started != null ? null : faults.take(rsc, action.action().ocfName(), node);
        Duration takes = duration(action, profile).multipliedBy(slowFactor);
        Handle handle = new Handle(onDone);
        if (health == SimNodeHealth.DOWN) {
            return handle; // nobody there to run it, nobody to answer
        }
        if (fault != null && fault.kind() == FaultPlan.Kind.HANG || takes.compareTo(action.timeout()) > 0) {
            handle.timer = loop.schedule(action.timeout(), () -> whenResponsive(() -> {
                // An action killed at its timeout may have done its work or not; assume the worst for safety.
                if (action.action() == ActionName.START) {
                    truth.set(rsc, node, GroundTruth.STARTED);
                }
                handle.finish(AgentResult.timedOut("simulated " + action.action().ocfName() + " timed out after "
                        + action.timeout().toSeconds() + "s", ""));
            }));
            return handle;
        }
        Duration remaining = started == null ? takes : Duration.between(loop.now(), started.plus(takes));
        handle.timer = loop.schedule(remaining, () -> whenResponsive(() -> {
            AgentResult result = withPromotionScore(action, complete(action, fault != null));
            // Later runs will answer the same unless something changes, and every change wakes the chain; a
            // fault planned while this run was under way is for the next run, so no chain then.
            boolean foreseeable = interval > 0 && fault == null && result.execStatus() == ExecStatus.DONE
                    && result.attributeUpdates().isEmpty() && hasOneRecurring(rsc)
                    && !faults.pending(rsc, ActionName.MONITOR.ocfName(), node);
            if (foreseeable) {
                steady.arm(rsc, interval, duration(action, profile).multipliedBy(slowFactor));
            }
            try {
                handle.finish(result);
            } finally {
                steady.disarm();
            }
        }));
        return handle;
    }

    /** The interval of a recurring monitor (0 for anything else). */
    private static long recurringInterval(AgentAction action) {
        if (action.action() != ActionName.MONITOR) {
            return 0;
        }
        String v = action.meta().get("interval");
        try {
            return v == null ? 0 : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Mirrors the LRM: a stop, migration or role change ends the resource's recurring monitors. */
    private void trackRecurring(String rsc, ActionName what, long interval) {
        if (what == ActionName.STOP || what == ActionName.MIGRATE_TO || what == ActionName.PROMOTE
                || what == ActionName.DEMOTE) {
            recurring.remove(rsc);
        }
        if (interval > 0) {
            Long known = recurring.get(rsc);
            if (known == null) {
                recurring.put(rsc, interval);
            } else if (known != interval && known != SEVERAL) {
                recurring.put(rsc, SEVERAL);
            }
        }
    }

    private boolean hasOneRecurring(String rsc) {
        Long known = recurring.get(rsc);
        return known != null && known != SEVERAL;
    }

    private void whenResponsive(Runnable r) {
        if (health == SimNodeHealth.UP) {
            r.run();
        } else if (health == SimNodeHealth.HUNG) {
            heldWhileHung.add(r);
        }
    }

    private Duration duration(AgentAction action, ResourceProfile p) {
        return switch (action.action()) {
            case START -> p.start();
            case STOP -> p.stop();
            case PROMOTE -> p.promote();
            case DEMOTE -> p.demote();
            case MIGRATE_TO -> p.migration();
            case MONITOR -> p.monitor();
            default -> Duration.ofMillis(10);
        };
    }

    /**
     * Promotable agents (DRBD, Stateful) publish a promotion score once they run, as {@code crm_master}
     * does, and withdraw it when stopped; without it nothing is ever promoted. DRBD's agent sets it on every
     * action, monitors included; Pacemaker's Stateful only where its script does — start and demote (5),
     * promote (10), a probe that finds it running — so a score lost by the cluster stays lost, as live.
     */
    private AgentResult withPromotionScore(AgentAction action, AgentResult result) {
        String type = action.agent().type();
        if (!type.equals("drbd") && !type.equals("Stateful")) {
            return result;
        }
        String attr = org.vigil.agents.AttributeUpdate.promotionAttribute(action.resourceInstance());
        String role = truth.role(action.resourceInstance(), node);
        if (role == null) {
            return action.action() == ActionName.STOP
                    ? result.withAttributeUpdates(List.of(org.vigil.agents.AttributeUpdate.delete(attr))) : result;
        }
        if (type.equals("drbd")) {
            return result.withAttributeUpdates(List.of(org.vigil.agents.AttributeUpdate.set(attr, "10000")));
        }
        boolean sets = switch (action.action()) {
            case START, PROMOTE, DEMOTE -> true;
            case MONITOR -> recurringInterval(action) == 0;
            default -> false;
        };
        return sets ? result.withAttributeUpdates(List.of(org.vigil.agents.AttributeUpdate.set(attr,
                GroundTruth.PROMOTED.equals(role) ? "10" : "5"))) : result;
    }

    private AgentResult complete(AgentAction action, boolean fail) {
        String rsc = action.resourceInstance();
        String role = truth.role(rsc, node);
        switch (action.action()) {
            case START -> {
                if (fail) {
                    return AgentResult.of(OcfStatus.ERR_GENERIC, "simulated start failure");
                }
                truth.set(rsc, node, GroundTruth.STARTED);
                return AgentResult.success();
            }
            case STOP -> {
                if (fail) {
                    return AgentResult.of(OcfStatus.ERR_GENERIC, "simulated stop failure");
                }
                truth.clear(rsc, node);
                return AgentResult.success();
            }
            case MONITOR -> {
                if (fail && role != null) {
                    truth.clear(rsc, node); // the service died; the monitor is how we find out
                    return AgentResult.of(OcfStatus.ERR_GENERIC, "simulated monitor failure");
                }
                if (role == null) {
                    return AgentResult.notRunning();
                }
                return AgentResult.of(GroundTruth.PROMOTED.equals(role) ? OcfStatus.RUNNING_PROMOTED
                        : OcfStatus.SUCCESS);
            }
            case PROMOTE -> {
                if (fail || role == null) {
                    return AgentResult.of(OcfStatus.ERR_GENERIC, fail ? "simulated promote failure" : "not running");
                }
                truth.set(rsc, node, GroundTruth.PROMOTED);
                return AgentResult.success();
            }
            case DEMOTE -> {
                if (fail || role == null) {
                    return AgentResult.of(OcfStatus.ERR_GENERIC, fail ? "simulated demote failure" : "not running");
                }
                truth.set(rsc, node, GroundTruth.STARTED);
                return AgentResult.success();
            }
            case MIGRATE_TO -> {
                String target = action.meta().get("migrate_target");
                if (fail || role == null || target == null) {
                    return AgentResult.of(OcfStatus.ERR_GENERIC, fail ? "simulated migration failure"
                            : role == null ? "not running here" : "no migrate_target");
                }
                // Live migration hands the running domain over in one step: never two, never none.
                truth.clear(rsc, node);
                truth.set(rsc, target, GroundTruth.STARTED);
                return AgentResult.success();
            }
            case MIGRATE_FROM -> {
                return role != null ? AgentResult.success()
                        : AgentResult.of(OcfStatus.ERR_GENERIC, "domain did not arrive");
            }
            default -> {
                return fail ? AgentResult.of(OcfStatus.ERR_GENERIC, "simulated failure") : AgentResult.success();
            }
        }
    }

    /** Reports once; cancel before completion reports a cancelled result instead. */
    private static final class Handle implements ActionHandle {
        private final Consumer<AgentResult> onDone;
        private boolean done;
        Cancellable timer;

        Handle(Consumer<AgentResult> onDone) {
            this.onDone = onDone;
        }

        void finish(AgentResult r) {
            if (!done) {
                done = true;
                onDone.accept(r);
            }
        }

        @Override
        public boolean cancel() {
            if (done) {
                return false;
            }
            if (timer != null) {
                timer.cancel();
            }
            finish(AgentResult.cancelled());
            return true;
        }

        @Override
        public boolean isDone() {
            return done;
        }
    }
}
