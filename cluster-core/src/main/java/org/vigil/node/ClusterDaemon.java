package org.vigil.node;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.vigil.agents.AgentExecutor;
import org.vigil.cib.Cib;
import org.vigil.cib.CibVersion;
import org.vigil.controller.LocalResourceManager;
import org.vigil.controller.PolicyEngine;
import org.vigil.fencing.FenceAgentRunner;
import org.vigil.fencing.FencingDaemon;
import org.vigil.ipc.FenceOutcome;
import org.vigil.membership.JGroupsMembership;
import org.vigil.membership.MembershipView;
import org.vigil.node.core.NodeFencer;
import org.vigil.node.core.NodeMessage;
import org.vigil.node.core.NodeProgram;
import org.vigil.node.core.NodeStore;
import org.vigil.world.Clock;

/**
 * One node of a running cluster: the transport-neutral {@link NodeProgram} (DC takeover, CIB replication,
 * commits, fencing history, shutdown drain) bound to this machine's world: JGroups views and messages
 * ({@link WireCodec} on the wire), the CIB and fencing history on disk ({@link CibStore},
 * {@link FencingStore}), real agents and fence agents, and one event thread ({@link DaemonLoop}) on which
 * everything the program does runs. The simulator runs the same program over its simulated network.
 */
public final class ClusterDaemon implements AutoCloseable {
    private final String self;
    private final DaemonLoop loop;
    private final JGroupsMembership membership;
    private final Consumer<String> log;
    private final NodeProgram program;
    private final FencingDaemon fencer;
    private final FencingStore fencingStore;
    private final SchedulerWarmUp warmUp;
    private final RemoteConnections remotes;
    // what other threads (crm over IPC, the agents' host) read: published after every event
    private volatile Cib cib;
    private volatile MembershipView view;
    private volatile boolean dc;
    private volatile List<FenceOutcome> fenceHistory;
    /** Told how long each scheduler run took (metrics); set before {@link #start}. */
    private volatile Consumer<Duration> schedulerTimes = d -> {};
    /** Told of each fencing entry this node learns of after it started (metrics). */
    private volatile Consumer<FenceOutcome> fencingSeen = f -> {};
    /** Told the verdict on each change committed through this node (metrics). */
    private volatile Consumer<Boolean> commitsSeen = ok -> {};
    /** Answers the peers' questions about this node's transition history; null until set. */
    private volatile HistoryDesk history;

    /**
     * @param nodeIds   the nodelist (name to nodeid): every node gets a {@code <node>} entry in the CIB
     * @param initial   the CIB this node stored last time (or an empty one)
     * @param fenceAgents runs fence agents for this node's fencing daemon
     */
    public ClusterDaemon(String self, Map<String, Integer> nodeIds, JGroupsMembership membership, CibStore store,
            Cib initial, AgentExecutor agents, FenceAgentRunner fenceAgents, Consumer<String> log) {
        this(self, nodeIds, membership, store, initial, agents, fenceAgents, () -> {
            throw new IOException("no cluster key is configured for remote nodes");
        }, log);
    }

    /**
     * @param remoteTls TLS for connections to remote nodes ({@code vigild remote}), keyed by the cluster key
     */
    ClusterDaemon(String self, Map<String, Integer> nodeIds, JGroupsMembership membership, CibStore store,
            Cib initial, AgentExecutor agents, FenceAgentRunner fenceAgents, RemoteConnections.Tls remoteTls,
            Consumer<String> log) {
        this.self = self;
        this.membership = membership;
        this.log = log;
        this.loop = new DaemonLoop(self, log);
        this.warmUp = new SchedulerWarmUp(self);
        this.fencingStore = new FencingStore(store.directory());
        this.cib = initial;
        Clock clock = Clock.system();
        List<FenceOutcome> storedFencing;
        try {
            storedFencing = fencingStore.load();
        } catch (IOException e) {
            log.accept("starting with an empty fencing history: " + e.getMessage());
            storedFencing = List.of();
        }
        this.fenceHistory = storedFencing;
        // the delay jitter (pcmk_delay_max) needs no reproducibility here: the daemon seeds from its start time
        this.fencer = new FencingDaemon(self, () -> cib, fenceAgents, clock, loop, loop,
                org.vigil.world.RandomSource.seeded(System.nanoTime()));
        this.remotes = new RemoteConnections(remoteTls, new RemoteConnections.Listener() {
            @Override
            public void connected(String node, AgentExecutor remote) {
                AgentExecutor remoteOnLoop = remote.reportingThrough(loop::execute);
                loop.execute(() -> program().remoteConnected(node, remoteOnLoop));
            }

            @Override
            public void disconnected(String node, String why) {
                loop.execute(() -> program().remoteDisconnected(node, why));
            }
        }, log);
        // connection resources (ocf:pacemaker:remote) are this node's connections to remote nodes, not scripts
        AgentExecutor local = new AgentExecutor() {
            @Override
            public org.vigil.agents.ActionHandle execute(org.vigil.agents.AgentAction action,
                    java.util.function.Consumer<org.vigil.agents.AgentResult> onDone) {
                return RemoteConnections.handles(action.agent()) ? remotes.execute(action, onDone)
                        : agents.execute(action, onDone);
            }

            @Override
            public java.util.Optional<List<String>> restartParameters(org.vigil.agents.AgentId agent) {
                return agents.restartParameters(agent);
            }
        };
        AgentExecutor onLoop = local.reportingThrough(loop::execute);
        LocalResourceManager lrm = new LocalResourceManager(self, onLoop, clock, loop);
        NodeFencer devices = (target, action, requester, done) -> fencer.fenceManually(target, action, requester)
                .whenComplete((e, t) -> loop.execute(() -> done.accept(t != null
                        ? new NodeFencer.Result(false, List.of(), String.valueOf(t))
                        : new NodeFencer.Result(e.succeeded(), e.devices(), e.reason()))));
        NodeStore disk = new NodeStore() {
            @Override
            public void saveCib(Cib c) throws IOException {
                store.save(c);
            }

            @Override
            public void saveFencing(List<FenceOutcome> history) throws IOException {
                fencingStore.save(history);
            }

            @Override
            public String where() {
                return store.directory().toString();
            }
        };
        this.program = new NodeProgram(self, nodeIds, clock, loop, this::send, disk, devices, lrm,
                timed(new PolicyEngine()), initial, storedFencing, log);
        loop.afterEach(this::afterEvent);
    }

    private NodeProgram program() {
        return program;
    }

    private org.vigil.controller.Controller.Scheduler timed(PolicyEngine engine) {
        return (c, now) -> {
            long t0 = System.nanoTime();
            try {
                return engine.schedule(c, now);
            } finally {
                schedulerTimes.accept(Duration.ofNanos(System.nanoTime() - t0));
            }
        };
    }

    /**
     * Who else hears what the DC does: every transition (history, metrics), scheduler run times and fencing
     * entries. Call before {@link #start}.
     */
    public void observe(org.vigil.controller.TransitionObserver transitions, Consumer<Duration> schedulerRuns,
            Consumer<FenceOutcome> fencings, Consumer<Boolean> commits) {
        this.schedulerTimes = schedulerRuns;
        this.commitsSeen = commits;
        this.fencingSeen = fencings;
        loop.execute(() -> program.controller().observe(transitions));
    }

    /** Serves the transition history to crm and the peers; call before {@link #start}. */
    void serveHistory(HistoryDesk desk) {
        this.history = desk;
    }

    HistoryDesk history() {
        return history;
    }

    /** Starts listening; call once, after construction. */
    public void start() {
        membership.addMessageListener((from, bytes) -> {
            if (HistoryDesk.isHistoryMessage(bytes)) {
                HistoryDesk h = history;
                if (h != null) {
                    h.received(from, bytes);
                }
                return;
            }
            loop.execute(() -> {
            NodeMessage m;
            try {
                m = WireCodec.decode(bytes, program.cib()); // on the event thread: a diff applies to the replica as it is
            } catch (IOException e) {
                log.accept("dropped a malformed message from " + from + ": " + e.getMessage());
                return;
            }
            program.received(from, m);
            });
        });
        membership.addListener(v -> loop.execute(() -> program.viewChanged(v)));
        fencer.learnDevices();
        warmUp.warm(cib);
        MembershipView first = membership.current();
        if (first != null) {
            loop.execute(() -> program.viewChanged(first));
        }
    }

    private boolean send(String node, NodeMessage m) {
        return membership.send(node, WireCodec.encode(m));
    }

    private void afterEvent() {
        program.afterEvent();
        Cib previous = cib;
        cib = program.cib();
        if (cib != previous && cib != null && (previous == null || configurationChanged(previous, cib))) {
            fencer.learnDevices(); // a new fence device is asked what it can do now, not at the first fencing
            if (!dc) {
                warmUp.warm(cib); // the DC's own runs keep its scheduler warm
            }
        }
        view = program.view();
        dc = program.isDc();
        List<FenceOutcome> before = fenceHistory;
        fenceHistory = program.fenceHistory();
        if (fenceHistory.size() > before.size()) {
            java.util.Set<FenceOutcome> known = new java.util.HashSet<>(before);
            fenceHistory.stream().filter(f -> !known.contains(f)).forEach(fencingSeen);
        }
    }

    /** The configuration's version moved (status updates leave admin_epoch and epoch as they are). */
    private static boolean configurationChanged(Cib a, Cib b) {
        CibVersion x = a.version();
        CibVersion y = b.version();
        return x.adminEpoch() != y.adminEpoch() || x.epoch() != y.epoch();
    }

    public String node() {
        return self;
    }

    /** The CIB as this node knows it (the DC's own, or the last one the DC sent here). Any thread. */
    public Cib cib() {
        return cib;
    }

    public MembershipView view() {
        return view;
    }

    public boolean isDc() {
        return dc;
    }

    /** The cluster's fencing history as this node holds it (replicated, stored), oldest first. */
    public List<FenceOutcome> fenceHistory() {
        return fenceHistory;
    }

    /** A refused change or request: {@code kind} names why (NO_DC, CONFLICT, NO_QUORUM, REJECTED, ...). */
    public static final class Refused extends RuntimeException {
        private final String kind;

        Refused(String kind, String message) {
            super(message);
            this.kind = kind;
        }

        public String kind() {
            return kind;
        }
    }

    /**
     * Commits {@code proposed} (a CIB the caller made from the one at {@code basedOn}) cluster-wide through
     * the DC. Completes with the committed CIB, or exceptionally with {@link Refused}.
     */
    public CompletableFuture<Cib> commit(Cib proposed, CibVersion basedOn) {
        CompletableFuture<Cib> f = new CompletableFuture<>();
        loop.execute(() -> program.commit(proposed, basedOn, o -> {
            commitsSeen.accept(o.acknowledged());
            if (o.acknowledged()) {
                f.complete(o.committed());
            } else {
                f.completeExceptionally(new Refused(o.refusal(), o.message()));
            }
        }));
        return f;
    }

    /** Asks for {@code target} to be fenced; completes with the outcome (done or failed). */
    public CompletableFuture<FenceOutcome> fence(String target, String action) {
        CompletableFuture<FenceOutcome> f = new CompletableFuture<>();
        loop.execute(() -> program.fence(target, action, f::complete));
        return f;
    }

    /**
     * A clean stop: the DC moves this node's resources away (live-migrating where allowed), then the node
     * leaves. Completes once nothing is active here any more, or when {@code limit} is up.
     */
    public CompletableFuture<List<String>> shutdown(Duration limit) {
        CompletableFuture<List<String>> done = new CompletableFuture<>();
        loop.execute(() -> program.shutdown(limit, done::complete));
        return done;
    }

    @Override
    public void close() {
        warmUp.close();
        remotes.close();
        loop.close();
    }
}
