package org.vigil.controller;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.vigil.agents.ActionHandle;
import org.vigil.agents.AgentAction;
import org.vigil.agents.ActionName;
import org.vigil.agents.AgentExecutor;
import org.vigil.agents.AgentResult;
import org.vigil.agents.ExecStatus;
import org.vigil.cib.Lrm;
import org.vigil.world.Cancellable;
import org.vigil.world.Clock;
import org.vigil.world.Timers;

/**
 * A node's local resource manager: runs what the DC asks through the {@link AgentExecutor}, keeps recurring
 * monitors going (reporting their first result, then only changes), cancels them before a stop, and keeps
 * this node's own operation history, from which a new DC rebuilds the cluster status.
 */
public final class LocalResourceManager {
    private final String node;
    private final AgentExecutor agents;
    private final Clock clock;
    private final Timers timers;
    private final Map<String, Recurring> recurring = new LinkedHashMap<>();
    /** One operation per resource at a time, as Pacemaker's executor does; the rest wait in order. */
    private final Map<String, java.util.ArrayDeque<Runnable>> waiting = new LinkedHashMap<>();
    private final java.util.Set<String> busy = new java.util.HashSet<>();
    private final HistoryBook history;
    private final OpDigests opDigests = new OpDigests();
    /**
     * The parameters each resource was last started (or monitored) with: Pacemaker's controller stops a
     * resource with them, not with the configuration's current ones, so a resource whose definition
     * changed or that was deleted while running (an orphan: the DC sends its stop without parameters) is
     * stopped as it was started.
     */
    private final Map<String, Map<String, String>> stopParams = new java.util.HashMap<>();
    private int callId;

    public LocalResourceManager(String node, AgentExecutor agents, Clock clock, Timers timers) {
        this.node = node;
        this.agents = agents;
        this.clock = clock;
        this.timers = timers;
        this.history = new HistoryBook(node);
    }

    public String node() {
        return node;
    }

    /** This node's operation history, as recorded here. */
    public Lrm history() {
        return history.lrm();
    }

    /** Forget everything (the node was power-cycled: its executor starts empty). */
    public void reset() {
        recurring.values().forEach(Recurring::cancel);
        recurring.clear();
        stopParams.clear();
        waiting.clear();
        busy.clear();
        history.clear();
    }

    public void execute(ExecRequest asked, Consumer<ExecReport> reply) {
        ExecRequest request = withStopParams(asked);
        String rsc = request.action().resourceInstance();
        ActionName what = request.action().action();
        // A role change or a departure ends the recurring monitors of the old state; the DC schedules the
        // ones for the new state.
        if (what == ActionName.STOP || what == ActionName.MIGRATE_TO || what == ActionName.PROMOTE
                || what == ActionName.DEMOTE) {
            cancelRecurring(rsc);
        }
        if (request.cancel()) {
            cancel(request, reply);
            return;
        }
        if (request.intervalMs() > 0) {
            String key = rsc + "_" + request.action().action().ocfName() + "_" + request.intervalMs();
            Recurring old = recurring.remove(key);
            if (old != null) {
                old.cancel();
            }
            Recurring r = new Recurring(request, reply);
            recurring.put(key, r);
            r.runOnce(true);
            return;
        }
        run(request, result -> reply.accept(new ExecReport(node, request.transitionId(), request.actionId(),
                recordResult(request, result), result.attributeUpdates())));
    }

    /**
     * Pacemaker's cancel: the recurring operation stops here (whether or not it still runs: after a restart of
     * this node's executor nothing does) and leaves this node's history, so nothing it would find is counted.
     */
    private void cancel(ExecRequest request, Consumer<ExecReport> reply) {
        String rsc = request.action().resourceInstance();
        Recurring r = recurring.remove(rsc + "_" + request.action().action().ocfName() + "_" + request.intervalMs());
        if (r != null) {
            r.cancel();
        }
        OpRecord op = new OpRecord(rsc, request.resourceClass(), request.provider(), request.type(), "cancel",
                request.intervalMs(), 0, OpRecord.EXEC_DONE, ++callId, clock.now().getEpochSecond(), 0, node,
                request.transitionKey(), null, Map.of());
        history.record(op);
        reply.accept(new ExecReport(node, request.transitionId(), request.actionId(), op));
    }

    /**
     * Runs {@code rsc}'s recurring monitors now instead of at their next interval (one already running is left
     * to finish): the node learnt something that makes their answer news, e.g. a remote node's connection was lost.
     */
    public void monitorNow(String rsc) {
        for (Recurring r : recurring.values()) {
            if (r.request.action().resourceInstance().equals(rsc) && r.inFlight == null && !r.cancelled) {
                if (r.timer != null) {
                    r.timer.cancel();
                }
                r.runOnce(false);
            }
        }
    }

    /** A stop runs with the parameters its resource was started with, when this LRM knows them. */
    private ExecRequest withStopParams(ExecRequest request) {
        AgentAction a = request.action();
        Map<String, String> startedWith = stopParams.get(a.resourceInstance());
        if (a.action() != ActionName.STOP || startedWith == null || startedWith.equals(a.params())) {
            return request;
        }
        return new ExecRequest(request.transitionId(), request.actionId(), request.transitionKey(),
                new AgentAction(a.agent(), a.resourceInstance(), a.action(), startedWith, a.meta(), a.depth(),
                        a.timeout()),
                request.resourceClass(), request.provider(), request.type(), request.intervalMs());
    }

    private void cancelRecurring(String rsc) {
        recurring.entrySet().removeIf(e -> {
            if (e.getValue().request.action().resourceInstance().equals(rsc)) {
                e.getValue().cancel();
                return true;
            }
            return false;
        });
    }

    /**
     * Runs the action when no other operation of the same resource is running; the returned handle
     * cancels it whether it is still waiting or already running.
     */
    private ActionHandle run(ExecRequest request, Consumer<AgentResult> done) {
        String rsc = request.action().resourceInstance();
        Queued q = new Queued(request, done, rsc);
        waiting.computeIfAbsent(rsc, k -> new java.util.ArrayDeque<>()).add(q::begin);
        pump(rsc);
        return q;
    }

    private void pump(String rsc) {
        if (busy.contains(rsc)) {
            return;
        }
        java.util.ArrayDeque<Runnable> queue = waiting.get(rsc);
        Runnable next = queue == null ? null : queue.poll();
        if (next != null) {
            busy.add(rsc);
            next.run();
        }
    }

    /** An operation waiting for, or holding, its resource's slot. */
    private final class Queued implements ActionHandle {
        final ExecRequest request;
        final Consumer<AgentResult> done;
        final String rsc;
        ActionHandle running;
        boolean finished;
        boolean cancelled;

        Queued(ExecRequest request, Consumer<AgentResult> done, String rsc) {
            this.request = request;
            this.done = done;
            this.rsc = rsc;
        }

        void begin() {
            if (cancelled) {
                release();
                return;
            }
            running = agents.execute(request.action(), result -> {
                finished = true;
                release();
                done.accept(result);
            });
        }

        private void release() {
            busy.remove(rsc);
            pump(rsc);
        }

        @Override
        public boolean cancel() {
            if (finished) {
                return false;
            }
            if (running != null) {
                return running.cancel();
            }
            cancelled = true;
            finished = true;
            done.accept(AgentResult.cancelled());
            return true;
        }

        @Override
        public boolean isDone() {
            return finished;
        }
    }

    private OpRecord recordResult(ExecRequest request, AgentResult result) {
        Instant now = clock.now();
        int opStatus = switch (result.execStatus()) {
            case DONE -> OpRecord.EXEC_DONE;
            case CANCELLED -> OpRecord.EXEC_CANCELLED;
            case TIMED_OUT -> OpRecord.EXEC_TIMEOUT;
            case ERROR -> OpRecord.EXEC_ERROR;
        };
        int rc = result.execStatus() == ExecStatus.DONE || result.execStatus() == ExecStatus.ERROR
                ? result.status().code() : 1;
        Map<String, String> extra = opDigests.attributes(request.action().params(), request.intervalMs(),
                request.action().timeout().toMillis());
        ActionName what = request.action().action();
        if (request.intervalMs() == 0 && what != ActionName.STOP) {
            java.util.Optional<java.util.List<String>> restart = agents.restartParameters(request.action().agent());
            if (restart.isPresent()) {
                extra = new LinkedHashMap<>(extra);
                extra.putAll(OpDigests.restartAttributes(request.action().params(), restart.get()));
            }
        }
        String source = request.action().meta().get("migrate_source");
        String target = request.action().meta().get("migrate_target");
        if (source != null && target != null) {
            extra = new LinkedHashMap<>(extra);
            extra.put("migrate_source", source);
            extra.put("migrate_target", target);
        }
        OpRecord op = new OpRecord(request.action().resourceInstance(), request.resourceClass(), request.provider(),
                request.type(), recordedOperation(what, opStatus), request.intervalMs(), rc, opStatus, ++callId,
                now.getEpochSecond(), 0, node, request.transitionKey(), result.exitReason(), extra);
        if (opStatus != OpRecord.EXEC_CANCELLED) {
            history.record(op);
        }
        rememberStopParams(request, opStatus, rc);
        return op;
    }

    /**
     * As Pacemaker's controller records them: a reload that ran is recorded as a start with the parameters it
     * loaded (so their digests now match the configuration), one that did not run as a probe, so the
     * resource's state is checked again instead of being taken as stopped.
     */
    private static String recordedOperation(ActionName what, int opStatus) {
        if (what == ActionName.RELOAD || what == ActionName.RELOAD_AGENT) {
            return opStatus == OpRecord.EXEC_DONE ? ActionName.START.ocfName() : ActionName.MONITOR.ocfName();
        }
        return what.ocfName();
    }

    private void rememberStopParams(ExecRequest request, int opStatus, int rc) {
        String rsc = request.action().resourceInstance();
        ActionName what = request.action().action();
        if (opStatus != OpRecord.EXEC_DONE) {
            return;
        }
        if (what == ActionName.STOP && rc == 0) {
            stopParams.remove(rsc);
        } else if (what == ActionName.START || what == ActionName.MIGRATE_FROM || what == ActionName.RELOAD
                || what == ActionName.MONITOR && request.intervalMs() > 0) {
            stopParams.put(rsc, request.action().params());
        }
    }

    /** One recurring monitor: runs every interval until cancelled; reports the first result and changes. */
    private final class Recurring {
        final ExecRequest request;
        final Consumer<ExecReport> reply;
        Cancellable timer;
        ActionHandle inFlight;
        Integer lastRc;
        boolean cancelled;

        Recurring(ExecRequest request, Consumer<ExecReport> reply) {
            this.request = request;
            this.reply = reply;
        }

        void runOnce(boolean first) {
            inFlight = run(request, result -> {
                inFlight = null;
                if (cancelled) {
                    return;
                }
                boolean done = result.execStatus() == ExecStatus.DONE;
                int rc = done || result.execStatus() == ExecStatus.ERROR ? result.status().code() : 1;
                // As in Pacemaker, a recurring monitor that finds what it found last time is not recorded again.
                if (first || lastRc == null || lastRc != rc || !done || !result.attributeUpdates().isEmpty()) {
                    OpRecord op = recordResult(request, result);
                    reply.accept(new ExecReport(node, request.transitionId(), first ? request.actionId() : -1, op,
                            result.attributeUpdates()));
                }
                lastRc = rc;
                timer = timers.schedule(Duration.ofMillis(request.intervalMs()), () -> runOnce(false));
            });
        }

        void cancel() {
            cancelled = true;
            if (timer != null) {
                timer.cancel();
            }
            if (inFlight != null) {
                inFlight.cancel();
            }
        }
    }
}
