package org.vigil.controller;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.vigil.cib.Cib;
import org.vigil.cib.Configuration;
import org.vigil.cib.Lrm;
import org.vigil.cib.Node;
import org.vigil.cib.NodeState;
import org.vigil.cib.NvSets;
import org.vigil.rules.Durations;
import org.vigil.transition.GraphAction;
import org.vigil.transition.TransitionExecutor;
import org.vigil.transition.TransitionGraph;
import org.vigil.world.Cancellable;
import org.vigil.world.Clock;
import org.vigil.world.Timers;

/**
 * The designated controller. On every event — membership or quorum change, action result, configuration
 * change, timer — it asks the scheduler for a transition and carries it out; anything unexpected aborts
 * the running transition (in-flight actions finish) and the scheduler is asked again. Results go into the
 * CIB status as Pacemaker-shaped operation history, with fail counts. Single-threaded and deterministic:
 * the daemon and the simulator call it from their event loops.
 */
public final class Controller {
    /** The policy engine. */
    @FunctionalInterface
    public interface Scheduler {
        TransitionGraph schedule(Cib cib, Instant now);
    }

    /** Delivers requests to nodes' LRMs; their reports come back through {@link #onReport}. */
    @FunctionalInterface
    public interface NodeChannel {
        void send(String node, ExecRequest request);

        /**
         * A request for remote node {@code target}, sent to cluster node {@code via}, which holds its connection
         * (Pacemaker's router node). Hosts without remote nodes need not implement it.
         */
        default void sendVia(String via, String target, ExecRequest request) {
            send(target, request);
        }
    }

    /** Fences nodes; {@code done} receives true once the node is confirmed off. */
    @FunctionalInterface
    public interface Fencer {
        void fence(String node, String action, Consumer<Boolean> done);
    }

    /** What the controller does, one line at a time (log, simulator trace). */
    @FunctionalInterface
    public interface Listener {
        void event(String line);
    }

    /** Allowance for the network on top of an action's own timeout before the DC gives up on it. */
    static final Duration RESULT_GRACE = Duration.ofSeconds(5);
    static final Duration DEFAULT_RECHECK = Duration.ofMinutes(15);

    private final String self;
    private final Clock clock;
    private final Timers timers;
    private final Scheduler scheduler;
    private final NodeChannel channel;
    private final Fencer fencer;
    private final Listener listener;
    private final String dcUuid;
    private final Map<Long, Cancellable> actionTimers = new HashMap<>();
    /** Actions dispatched and not reported yet, by timer key: a node that leaves takes its results with it. */
    private final Map<Long, Dispatched> inFlight = new java.util.LinkedHashMap<>();

    /** {@code via}: the cluster node the request went to (the action's node, or a remote node's router). */
    private record Dispatched(int tid, GraphAction action, ExecRequest request, String via) {}

    private Cib cib;
    private boolean active;
    private Set<String> members = Set.of();
    private int transitionId;
    private TransitionExecutor current;
    private TransitionGraph lastCompleted;
    /**
     * Something the running transition did not plan for happened without aborting it (a probe found the
     * resource active, an agent changed node attributes, a result of an older transition came in): once it
     * is done, the scheduler must look again. Without such news a transition that succeeded leaves the
     * cluster as the scheduler wanted it, and the DC goes idle, as Pacemaker's does.
     */
    private boolean unplannedChange;
    private Cancellable recheck;
    /** The primitives of {@link #indexedConfiguration}, by id: looked up for every action dispatched. */
    private Map<String, org.vigil.cib.Primitive> primitiveIndex;
    private final LrmPositions lrmPositions = new LrmPositions();
    /** Each operation's agent, parameters and timeout under {@link #indexedConfiguration}. */
    private final Map<ActionRequests.ShapeKey, ActionRequests.Shape> shapes = new HashMap<>();
    private Configuration indexedConfiguration;
    private TransitionObserver observer = TransitionObserver.NONE;

    public Controller(String self, Clock clock, Timers timers, Scheduler scheduler, NodeChannel channel,
            Fencer fencer, Listener listener) {
        this.self = self;
        this.clock = clock;
        this.timers = timers;
        this.scheduler = scheduler;
        this.channel = channel;
        this.fencer = fencer;
        this.listener = listener;
        this.dcUuid = UUID.nameUUIDFromBytes(("vigil-dc-" + self).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Who is told about every transition (history, metrics); one at a time. */
    public void observe(TransitionObserver o) {
        this.observer = o == null ? TransitionObserver.NONE : o;
    }

    public boolean isActive() {
        return active;
    }

    public Cib cib() {
        return cib;
    }

    public boolean busy() {
        return current != null;
    }

    /**
     * Becomes DC for a partition: {@code base} gives configuration and last known status; the members'
     * own histories replace what it says about them.
     */
    public void takeOver(Cib base, Set<String> partition, boolean quorate, Map<String, Lrm> histories) {
        Cib c = base;
        for (Map.Entry<String, Lrm> h : histories.entrySet()) {
            c = NodeStatus.withLrm(c, h.getKey(), h.getValue());
        }
        // Every member joins this DC afresh, as in Pacemaker's join round: what the old DC wrote about it
        // (expected down while it drained before a restart) is history. A member still draining tells this
        // DC again.
        for (String member : partition) {
            if (c.status().nodeState(member).isPresent()) {
                c = NodeStatus.online(c, member);
            }
        }
        cib = c.withAttribute("dc-uuid", nodeId(c, self));
        active = true;
        current = null;
        listener.event("DC " + self + " takes over");
        membershipChanged(partition, quorate);
    }

    /** Another node is DC now (or this one lost its partition): stop acting. */
    public void stepDown() {
        if (!active) {
            return;
        }
        active = false;
        if (current != null) {
            current.abort("DC stepped down");
        }
        current = null;
        actionTimers.values().forEach(Cancellable::cancel);
        actionTimers.clear();
        inFlight.clear();
        lrmPositions.clear();
        if (recheck != null) {
            recheck.cancel();
        }
        listener.event("DC " + self + " steps down");
    }

    /**
     * The partition changed. Nodes that joined bring their own operation history (empty after a reboot),
     * which replaces what this DC last knew about them.
     */
    public void membershipChanged(Set<String> partition, boolean quorate, Map<String, Lrm> joinedHistories) {
        if (!active) {
            return;
        }
        for (Map.Entry<String, Lrm> h : joinedHistories.entrySet()) {
            if (!members.contains(h.getKey())) {
                cib = NodeStatus.withLrm(cib, h.getKey(), h.getValue());
            }
        }
        membershipChanged(partition, quorate);
    }

    public void membershipChanged(Set<String> partition, boolean quorate) {
        membershipChanged(partition, Set.of(), quorate);
    }

    /**
     * As {@link #membershipChanged(Set, boolean)}, with members that are there but have not joined yet
     * (the daemon is still fetching their history): they show as pending, so they are neither used nor
     * fenced meanwhile.
     */
    public void membershipChanged(Set<String> partition, Set<String> joining, boolean quorate) {
        if (!active) {
            return;
        }
        Set<String> before = members;
        // sorted, so everything that walks the members does so in the same order on every run
        members = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(partition));
        Cib c = cib.withAttribute("have-quorum", quorate ? "1" : "0");
        for (Node n : c.configuration().nodes()) {
            String u = n.uname();
            if (members.contains(u)) {
                NodeState s = c.status().nodeState(u).orElse(null);
                if (s == null || !"true".equals(s.inCcm()) || !"member".equals(s.join())) {
                    c = NodeStatus.online(c, u);
                }
            } else if (joining.contains(u)) {
                NodeState s = c.status().nodeState(u).orElse(null);
                if (s == null || !"pending".equals(s.join())) {
                    c = NodeStatus.pending(c, u);
                }
            } else {
                NodeState s = c.status().nodeState(u).orElse(null);
                boolean wasUp = s != null && !"down".equals(s.join());
                if (wasUp || before.contains(u)) {
                    c = NodeStatus.offline(c, u, false);
                }
            }
        }
        cib = c;
        // results of actions on nodes that left will never come: count them lost now, not at their timeout
        for (Dispatched d : new ArrayList<>(inFlight.values())) {
            if (!members.contains(d.via())) {
                Cancellable t = actionTimers.remove(timerKey(d.tid(), d.action().id()));
                if (t != null) {
                    t.cancel();
                }
                actionLost(d.tid(), d.action(), d.request());
            }
        }
        trigger("membership " + new java.util.TreeSet<>(members) + (quorate ? " with quorum" : " WITHOUT quorum"));
    }

    /** A node announced a clean shutdown: when it leaves it is expected down, not unclean. */
    public void nodeShuttingDown(String uname) {
        if (active) {
            cib = NodeStatus.expectDown(cib, uname);
            unplannedChange = true;
        }
    }

    /** The configuration changed (operator command); the version's epoch goes up. */
    public void configurationChanged(Configuration configuration) {
        if (!active) {
            return;
        }
        cib = cib.withConfiguration(configuration).withVersion(cib.version().nextEpoch());
        trigger("configuration changed");
    }

    /** Any other change to the CIB (node attributes, cleanup), then a new decision. */
    public void update(String why, UnaryOperator<Cib> change) {
        if (!active) {
            return;
        }
        cib = change.apply(cib);
        trigger(why);
    }

    /** Something happened: decide again now, or as soon as the running transition has wound down. */
    public void trigger(String reason) {
        if (!active) {
            return;
        }
        if (current != null) {
            if (!current.aborted()) {
                listener.event("abort transition " + transitionId + ": " + reason);
            }
            current.abort(reason);
            finishIfDone();
            return;
        }
        runScheduler(reason);
    }

    public void onReport(ExecReport report) {
        if (!active) {
            return;
        }
        OpRecord op = report.op();
        Lrm lrm = NodeStatus.lrm(cib, report.node()).orElse(null);
        cib = NodeStatus.withLrm(cib, report.node(), lrmPositions.record(report.node(), lrm, op));
        // a failed notification is only logged, as in Pacemaker: the operation it announced is what counts
        boolean ok = op.task().equals("notify")
                || op.opStatus() == OpRecord.EXEC_DONE && OperationHistory.expectedRc(op);
        if (!ok && op.opStatus() != OpRecord.EXEC_CANCELLED) {
            recordFailure(report.node(), op);
        }
        remoteConnectionChanged(op);
        listener.event("result " + op.operationKey() + " on " + report.node() + ": rc=" + op.rc()
                + (op.opStatus() == OpRecord.EXEC_DONE ? "" : " status=" + op.opStatus()));
        inFlight.remove(timerKey(report.transitionId(), report.actionId()));
        Cancellable t = actionTimers.remove(timerKey(report.transitionId(), report.actionId()));
        if (t != null) {
            t.cancel();
        }
        if (current != null && report.transitionId() == transitionId && !report.unsolicited()) {
            unplannedChange |= foundActive(op);
            current.graph().actions().stream().filter(a -> a.id() == report.actionId()).findFirst()
                    .ifPresent(a -> observer.actionDone(transitionId, a, ok, "rc=" + op.rc()
                            + (op.opStatus() == OpRecord.EXEC_DONE ? "" : " status=" + op.opStatus())
                            + (op.exitReason() == null || op.exitReason().isEmpty() ? "" : " (" + op.exitReason() + ")"),
                            clock.now()));
            current.completed(report.actionId(), ok);
            finishIfDone();
        } else if (!ok && op.opStatus() != OpRecord.EXEC_CANCELLED) {
            trigger(op.operationKey() + " failed on " + report.node());
        } else {
            unplannedChange = true; // recorded outside the running transition's plan
        }
    }

    /**
     * A connection resource started or stopped: its remote node's history starts afresh (Pacemaker's controller
     * purges it in remote_node_up and remote_node_down), which is news the scheduler must see.
     */
    private void remoteConnectionChanged(OpRecord op) {
        if (op.resource() == null || !RemoteRoutes.isRemote(cib, op.resource())) {
            return;
        }
        if (op.task().equals("monitor") && op.intervalMs() > 0 && op.rc() != 0 && !cib.configuration().fencingEnabled()) {
            // The connection is lost and the remote node cannot be fenced: as Pacemaker does with a lost node
            // when fencing is disabled, what ran there is taken as stopped (nothing can be stopped through a
            // dead connection), so its resources recover elsewhere instead of waiting on stops that cannot run.
            cib = NodeStatus.remoteConnection(cib, op.resource(), false);
            listener.event("remote node " + op.resource() + " lost its connection and fencing is disabled:"
                    + " its resources are taken as stopped");
            return;
        }
        if (op.opStatus() != OpRecord.EXEC_DONE || op.rc() != 0) {
            return;
        }
        boolean up = op.task().equals("start") || op.task().equals("migrate_from");
        if (!up && !op.task().equals("stop")) {
            return;
        }
        cib = NodeStatus.remoteConnection(cib, op.resource(), up);
        if (up) {
            cib = ExpiredConnectionFailures.clear(cib, op.resource(), clock.now());
        }
        unplannedChange = true;
        listener.event("remote node " + op.resource() + (up ? " connected" : " disconnected")
                + ": its status starts afresh");
    }

    /** A probe that finds the resource active: Pacemaker's probes expect "not running" (7). */
    private static boolean foundActive(OpRecord op) {
        return op.task().equals("monitor") && op.intervalMs() == 0 && op.rc() != 7;
    }

    /**
     * Node attributes the attribute writer (attrd's, on this node while DC) put into the status; a change
     * means a new decision. Attributes an agent set in an action the DC asked for (a promotion score set by
     * a start) do not abort the running transition: once it is done, the scheduler looks again. Any other
     * change (a dampened value, a ping measurement, an operator's) aborts it, as in Pacemaker.
     */
    public void attributesWritten(String why, UnaryOperator<Cib> change, boolean fromRequestedAction) {
        if (!active) {
            return;
        }
        Cib before = cib;
        cib = change.apply(cib);
        if (cib.equals(before)) {
            return;
        }
        if (current != null && fromRequestedAction) {
            unplannedChange = true;
        } else {
            trigger(why);
        }
    }

    private void recordFailure(String node, OpRecord op) {
        // a new failure is news: the same recovery as last time is due again, not a scheduler spinning
        lastCompleted = null;
        boolean fatal = op.task().equals("start") && startFailureIsFatal();
        cib = NodeStatus.addFailure(cib, node, op.resource(), op.task(), op.intervalMs(),
                clock.now().getEpochSecond(), fatal);
    }

    private boolean startFailureIsFatal() {
        return NvSets.firstValue(cib.configuration().clusterProperties(), "start-failure-is-fatal")
                .map(org.vigil.cib.Booleans::isTrue).orElse(true);
    }

    private void runScheduler(String reason) {
        if (recheck != null) {
            recheck.cancel();
            recheck = null;
        }
        TransitionGraph graph;
        try {
            graph = scheduler.schedule(cib, clock.now());
        } catch (RuntimeException e) {
            listener.event("scheduler failed: " + e);
            scheduleRecheck(null);
            return;
        }
        if (graph.isEmpty()) {
            listener.event("idle (" + reason + ")");
            lastCompleted = null;
            scheduleRecheck(graph.recheckBy());
            return;
        }
        if (lastCompleted != null && sameDecision(lastCompleted, graph)) {
            // The last transition succeeded and the scheduler asks for the very same again: nothing the
            // cluster does will change that, so wait for the next event instead of spinning.
            listener.event("transition repeats the previous one; waiting for the next event");
            lastCompleted = null;
            scheduleRecheck(graph.recheckBy());
            return;
        }
        transitionId++;
        unplannedChange = false;
        listener.event("transition " + transitionId + " (" + reason + "): " + String.join("; ", graph.summary()));
        TransitionExecutor ex = new TransitionExecutor(graph, this::dispatch);
        current = ex;
        observer.started(transitionId, reason, cib, clock.now(), graph);
        ex.start();
        finishIfDone();
    }

    private static boolean sameDecision(TransitionGraph a, TransitionGraph b) {
        return a.actions().equals(b.actions());
    }

    private void finishIfDone() {
        if (current == null || !current.finished()) {
            return;
        }
        TransitionExecutor done = current;
        current = null;
        lastCompleted = done.succeeded() ? done.graph() : null;
        observer.finished(transitionId, done.succeeded(), done.abortReason(), clock.now());
        listener.event("transition " + transitionId + (done.succeeded() ? " complete" : " stopped: "
                + done.abortReason()));
        if (done.succeeded() && !unplannedChange) {
            listener.event("idle (transition " + transitionId + " done as planned)");
            scheduleRecheck(done.graph().recheckBy());
            return;
        }
        runScheduler(done.succeeded() ? "transition complete" : "after abort");
    }

    private void dispatch(GraphAction a) {
        int tid = transitionId;
        if (a.isFence()) {
            String action = a.meta().getOrDefault("fence_action", stonithAction(cib));
            listener.event("fence " + a.node() + " (" + action + ")");
            fencer.fence(a.node(), action, ok -> fenceDone(tid, a, ok));
            return;
        }
        ExecRequest request;
        try {
            org.vigil.cib.LrmResource orphan = ActionRequests.configured(primitives(), a) ? null : orphanHistory(a);
            if (a.task().equals("cancel")) {
                request = ActionRequests.cancel(cib.configuration(), primitives(), a, tid, transitionKey(a, tid));
            } else if (orphan != null) {
                request = ActionRequests.orphan(orphan, cib.configuration(), a, tid, transitionKey(a, tid));
            } else {
                request = ActionRequests.build(cib.configuration(), primitives(), shapes, a, tid, transitionKey(a, tid));
            }
        } catch (IllegalArgumentException e) {
            listener.event("cannot run " + a.key() + ": " + e.getMessage());
            timers.schedule(Duration.ZERO, () -> completeLocally(tid, a.id(), false));
            return;
        }
        String via = RemoteRoutes.router(cib, a.node());
        if (via == null) {
            // Pacemaker's "not connected": recorded as the action's failure, so the scheduler sees it
            listener.event("cannot run " + a.key() + " on " + a.node() + ": its connection is not active anywhere");
            ExecRequest failed = request;
            timers.schedule(Duration.ZERO, () -> failedUnrun(tid, a, failed, "not connected to remote node "
                    + a.node()));
            return;
        }
        if (via.equals(a.node())) {
            listener.event("dispatch " + a.key() + " on " + a.node());
            channel.send(a.node(), request);
        } else {
            listener.event("dispatch " + a.key() + " on " + a.node() + " via " + via);
            channel.sendVia(via, a.node(), request);
        }
        Duration wait = request.action().timeout().plus(RESULT_GRACE);
        actionTimers.put(timerKey(tid, a.id()), timers.schedule(wait, () -> actionLost(tid, a, request)));
        inFlight.put(timerKey(tid, a.id()), new Dispatched(tid, a, request, via));
    }

    /**
     * The history entry of an action's resource on its node when the configuration lacks the resource (an
     * orphan, deleted while active): only stops and probes of it can run, with the agent the history names.
     */
    private org.vigil.cib.LrmResource orphanHistory(GraphAction a) {
        if (a.resource() == null || !(a.task().equals("stop") || a.task().equals("monitor") && a.intervalMs() == 0)) {
            return null;
        }
        String id = a.resource();
        return NodeStatus.lrm(cib, a.node())
                .flatMap(l -> l.resources().stream().filter(r -> r.id().equals(id)).findFirst())
                .filter(r -> r.resourceClass() != null && r.type() != null)
                .orElse(null);
    }

    private Map<String, org.vigil.cib.Primitive> primitives() {
        if (cib.configuration() != indexedConfiguration) {
            primitiveIndex = ActionRequests.index(cib.configuration());
            shapes.clear();
            indexedConfiguration = cib.configuration();
        }
        return primitiveIndex;
    }

    /** No result in time: the node may be gone. Record it as a timeout and let the scheduler decide. */
    private void actionLost(int tid, GraphAction a, ExecRequest request) {
        actionTimers.remove(timerKey(tid, a.id()));
        inFlight.remove(timerKey(tid, a.id()));
        if (!active) {
            return;
        }
        listener.event("no result for " + a.key() + " on " + a.node() + " in time");
        OpRecord op = new OpRecord(a.resource(), request.resourceClass(), request.provider(), request.type(),
                a.task(), a.intervalMs(), 1, OpRecord.EXEC_TIMEOUT, 0, clock.now().getEpochSecond(), 0, a.node(),
                request.transitionKey(), "no result from " + a.node(), Map.of());
        onReport(new ExecReport(a.node(), tid, a.id(), op));
    }

    /** An action that could not even be sent: an execution error in its history, as the executor would record. */
    private void failedUnrun(int tid, GraphAction a, ExecRequest request, String reason) {
        if (!active) {
            return;
        }
        OpRecord op = new OpRecord(a.resource(), request.resourceClass(), request.provider(), request.type(),
                a.task(), a.intervalMs(), 1, OpRecord.EXEC_ERROR, 0, clock.now().getEpochSecond(), 0, a.node(),
                request.transitionKey(), reason, Map.of());
        onReport(new ExecReport(a.node(), tid, a.id(), op));
    }

    private void fenceDone(int tid, GraphAction a, boolean ok) {
        if (!active) {
            return;
        }
        if (ok && "on".equals(a.meta().get("fence_action"))) {
            // unfencing: the node stays up, and records when it was unfenced so it is not required again
            cib = NodeStatus.setTransient(cib, a.node(), "#node-unfenced",
                    Long.toString(clock.now().getEpochSecond()));
            listener.event("unfenced " + a.node());
        } else if (ok) {
            cib = NodeStatus.fenced(cib, a.node());
            if (RemoteRoutes.isRemote(cib, a.node())) {
                // as Pacemaker's controller: when, so the scheduler does not fence it again for the same failure
                cib = NodeStatus.remoteFenced(cib, a.node(), clock.now().getEpochSecond());
            }
            listener.event("fenced " + a.node());
        } else {
            listener.event("fencing " + a.node() + " FAILED; will retry");
        }
        completeLocally(tid, a.id(), ok);
    }

    /** The cluster's {@code stonith-action} (Pacemaker 2.1: also {@code fencing-action}); poweroff means off. */
    static String stonithAction(Cib cib) {
        String v = NvSets.firstValue(cib.configuration().clusterProperties(), "stonith-action")
                .or(() -> NvSets.firstValue(cib.configuration().clusterProperties(), "fencing-action"))
                .orElse("reboot").trim();
        return v.equals("poweroff") || v.equals("off") ? "off" : "reboot";
    }

    private void completeLocally(int tid, int actionId, boolean ok) {
        if (current != null && tid == transitionId) {
            current.graph().actions().stream().filter(a -> a.id() == actionId).findFirst()
                    .ifPresent(a -> observer.actionDone(tid, a, ok, ok ? "done" : "failed", clock.now()));
            current.completed(actionId, ok);
            finishIfDone();
        }
    }

    /**
     * Runs the scheduler again after cluster-recheck-interval, or sooner when the last answer named the instant
     * time alone changes it ({@code recheckBy}: a failure-timeout expiring, a date rule's bound), as Pacemaker's
     * controller does with its graph's recheck-by. A zero interval disables only the periodic recheck.
     */
    private void scheduleRecheck(Instant recheckBy) {
        Duration interval = NvSets.firstValue(cib.configuration().clusterProperties(), "cluster-recheck-interval")
                .map(v -> Duration.ofMillis(Durations.parseIntervalMs(v) < 0 ? DEFAULT_RECHECK.toMillis()
                        : Durations.parseIntervalMs(v)))
                .orElse(DEFAULT_RECHECK);
        Duration delay = interval.isZero() || interval.isNegative() ? null : interval;
        String reason = "cluster-recheck-interval";
        if (recheckBy != null) {
            Duration untilChange = Duration.between(clock.now(), recheckBy);
            if (untilChange.isNegative()) {
                untilChange = Duration.ZERO;
            }
            if (delay == null || untilChange.compareTo(delay) < 0) {
                delay = untilChange;
                reason = "recheck-by " + recheckBy;
            }
        }
        if (delay != null) {
            String why = reason;
            recheck = timers.schedule(delay, () -> {
                recheck = null;
                trigger(why);
            });
        }
    }

    private String transitionKey(GraphAction a, int tid) {
        String target = a.meta().getOrDefault("target_rc", "0");
        return a.id() + ":" + tid + ":" + target + ":" + dcUuid;
    }

    private static long timerKey(int tid, int actionId) {
        return ((long) tid << 32) | (actionId & 0xffffffffL);
    }

    private static String nodeId(Cib cib, String uname) {
        return cib.configuration().node(uname).map(Node::id).orElse(uname);
    }

    /** Members of the partition as this DC knows them, sorted by name. */
    public Set<String> members() {
        return members;
    }
}
