package org.vigil.node;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.vigil.agents.AgentExecutor;
import org.vigil.cib.Cib;
import org.vigil.cib.CibVersion;
import org.vigil.cib.Configuration;
import org.vigil.cib.Lrm;
import org.vigil.cib.Node;
import org.vigil.cib.NodeState;
import org.vigil.controller.Controller;
import org.vigil.controller.ExecReport;
import org.vigil.controller.LocalResourceManager;
import org.vigil.controller.NodeStatus;
import org.vigil.controller.PolicyEngine;
import org.vigil.membership.JGroupsMembership;
import org.vigil.membership.MembershipView;
import org.vigil.world.Cancellable;
import org.vigil.world.Clock;

/**
 * One node of a running cluster: the same {@link Controller} and {@link LocalResourceManager} the simulator
 * drives, here fed by JGroups views and messages and by real agents, all on one event thread
 * ({@link DaemonLoop}).
 *
 * <p>Roles follow the membership's agreed DC. A node that becomes DC first asks every member for its CIB and
 * its own operation history (Pacemaker's join round), starts from the newest configuration among them and
 * rebuilds the status from the histories. While DC it pushes its CIB to all members after every change; every
 * node persists the CIB ({@link CibStore}) when its configuration version moves. Nodes joining a running DC
 * count as members only once their history is in, so nothing is decided on what the DC last knew of them.
 */
public final class ClusterDaemon implements AutoCloseable {
    /** How long a new DC waits for members' answers before going on with what it has. */
    static final Duration TAKEOVER_WAIT = Duration.ofSeconds(3);
    static final Duration QUERY_RETRY = Duration.ofMillis(700);
    static final int RECENT_CIBS = 64;

    private final String self;
    private final Map<String, Integer> nodeIds;
    private final DaemonLoop loop;
    private final JGroupsMembership membership;
    private final CibStore store;
    private final Consumer<String> log;
    private final Clock clock;
    private final LocalResourceManager lrm;
    private final Controller controller;
    private final AtomicLong requestIds = new AtomicLong();
    private final Map<Long, CompletableFuture<Cib>> pendingChanges = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<org.vigil.ipc.FenceOutcome>> pendingFences =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final org.vigil.fencing.FencingDaemon fencer;
    /** The cluster's fencing history as the DC last sent it (or as this node, DC, recorded it). */
    private volatile List<org.vigil.ipc.FenceOutcome> fenceHistory = List.of();
    static final int FENCE_HISTORY = 100;
    /** The DC's recent CIBs by version: a crm change made from one of them is merged onto the current one. */
    private final Map<CibVersion, Cib> recent = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<CibVersion, Cib> eldest) {
            return size() > RECENT_CIBS;
        }
    };
    private final Set<String> pendingJoin = new TreeSet<>();
    private volatile Cib replica;
    private volatile MembershipView view;
    private Cib lastPushed;
    private CibVersion savedConfiguration;
    private Takeover takeover;
    private Cancellable joinRetry;

    /** A new DC's collection of the members' answers for one view. */
    private static final class Takeover {
        final long viewId;
        final Set<String> waitingFor;
        final Map<String, WireMessage.Answer> answers = new TreeMap<>();
        Cancellable deadline;
        Cancellable retry;

        Takeover(long viewId, Set<String> waitingFor) {
            this.viewId = viewId;
            this.waitingFor = new TreeSet<>(waitingFor);
        }
    }

    /**
     * @param nodeIds   the nodelist (name to nodeid): every node gets a {@code <node>} entry in the CIB
     * @param initial   the CIB this node stored last time (or an empty one)
     * @param fenceAgents runs fence agents for this node's fencing daemon (used while it is DC)
     */
    public ClusterDaemon(String self, Map<String, Integer> nodeIds, JGroupsMembership membership, CibStore store,
            Cib initial, AgentExecutor agents, org.vigil.fencing.FenceAgentRunner fenceAgents, Consumer<String> log) {
        this.self = self;
        this.nodeIds = Map.copyOf(nodeIds);
        this.membership = membership;
        this.store = store;
        this.log = log;
        this.clock = Clock.system();
        this.loop = new DaemonLoop(self, log);
        this.replica = initial;
        this.savedConfiguration = configurationVersion(initial);
        // the delay jitter (pcmk_delay_max) needs no reproducibility here: the daemon seeds from its start time
        this.fencer = new org.vigil.fencing.FencingDaemon(self, () -> replica, fenceAgents, clock, loop, loop,
                org.vigil.world.RandomSource.seeded(System.nanoTime()));
        AgentExecutor onLoop = (action, onDone) -> agents.execute(action, r -> loop.execute(() -> onDone.accept(r)));
        this.lrm = new LocalResourceManager(self, onLoop, clock, loop);
        this.controller = new Controller(self, clock, loop, new PolicyEngine()::schedule,
                (node, request) -> post(node, new WireMessage.Exec(request)),
                (node, action, done) -> fencer.fence(node, action, ok -> {
                    loop.execute(() -> recordFence(lastFencing(node), node, action, ok, self));
                    // a failure is retried by the next transition; the fencing daemon paces the retries
                    loop.execute(() -> done.accept(ok));
                }),
                line -> log.accept(line));
        loop.afterEach(this::afterEvent);
    }

    /** Starts listening; call once, after construction. */
    public void start() {
        membership.addMessageListener((from, bytes) -> {
            WireMessage m;
            try {
                m = WireCodec.decode(bytes);
            } catch (IOException e) {
                log.accept("dropped a malformed message from " + from + ": " + e.getMessage());
                return;
            }
            loop.execute(() -> received(from, m));
        });
        membership.addListener(v -> loop.execute(() -> viewChanged(v)));
        MembershipView first = membership.current();
        if (first != null) {
            loop.execute(() -> viewChanged(first));
        }
    }

    public String node() {
        return self;
    }

    /** The CIB as this node knows it (the DC's own, or the last one the DC pushed here). */
    public Cib cib() {
        return replica;
    }

    public MembershipView view() {
        return view;
    }

    public boolean isDc() {
        return controller.isActive();
    }

    // ---- membership --------------------------------------------------------------------------------

    private void viewChanged(MembershipView v) {
        if (view != null && v.viewId() < view.viewId()) {
            return;
        }
        view = v;
        if (v.evicted()) {
            log.accept("this node was evicted: it stops acting as DC and waits to be taken back");
            stopBeingDc();
            return;
        }
        if (v.dc() == null) {
            return; // electing: keep the current role until the partition agrees
        }
        if (!v.dc().equals(self)) {
            stopBeingDc();
            return;
        }
        if (!controller.isActive()) {
            if (takeover == null || takeover.viewId != v.viewId()) {
                startTakeover(v);
            }
            return;
        }
        Set<String> members = new TreeSet<>(v.members());
        pendingJoin.retainAll(members);
        for (String m : members) {
            if (!m.equals(self) && !controller.members().contains(m)) {
                pendingJoin.add(m);
            }
        }
        Set<String> joined = new TreeSet<>(members);
        joined.removeAll(pendingJoin);
        controller.membershipChanged(joined, pendingJoin, v.quorum().quorate());
        queryJoiners();
    }

    private void stopBeingDc() {
        if (takeover != null) {
            cancel(takeover.deadline);
            cancel(takeover.retry);
            takeover = null;
        }
        pendingJoin.clear();
        cancel(joinRetry);
        joinRetry = null;
        if (controller.isActive()) {
            controller.stepDown();
        }
    }

    private void startTakeover(MembershipView v) {
        Set<String> others = new TreeSet<>(v.members());
        others.remove(self);
        Takeover t = new Takeover(v.viewId(), others);
        takeover = t;
        log.accept("elected DC of " + v.members() + "; asking " + others + " for their CIB and history");
        if (others.isEmpty()) {
            finishTakeover(t);
            return;
        }
        askForAnswers(t);
        t.deadline = loop.schedule(TAKEOVER_WAIT, () -> {
            if (takeover == t) {
                log.accept("DC takes over without answers from " + t.waitingFor);
                finishTakeover(t);
            }
        });
    }

    private void askForAnswers(Takeover t) {
        for (String m : t.waitingFor) {
            post(m, new WireMessage.Query(t.viewId));
        }
        t.retry = loop.schedule(QUERY_RETRY, () -> {
            if (takeover == t && !t.waitingFor.isEmpty()) {
                askForAnswers(t);
            }
        });
    }

    private void finishTakeover(Takeover t) {
        takeover = null;
        cancel(t.deadline);
        cancel(t.retry);
        MembershipView v = view;
        if (v == null || !self.equals(v.dc())) {
            return;
        }
        Cib base = replica;
        Map<String, Lrm> histories = new TreeMap<>();
        histories.put(self, lrm.history());
        for (Map.Entry<String, WireMessage.Answer> a : t.answers.entrySet()) {
            if (a.getValue().cib().version().compareTo(base.version()) > 0) {
                base = a.getValue().cib();
            }
            histories.put(a.getKey(), a.getValue().history());
        }
        base = withNodelist(base);
        Set<String> partition = new TreeSet<>(v.members());
        pendingJoin.clear();
        for (String m : t.waitingFor) {
            if (partition.remove(m)) {
                pendingJoin.add(m); // counted in once its history is here
            }
        }
        for (String m : partition) {
            if (!m.equals(self)) {
                base = clearTransientAttributes(base, m);
            }
        }
        controller.takeOver(base, partition, v.quorum().quorate(), histories);
        if (!pendingJoin.isEmpty()) {
            controller.membershipChanged(partition, pendingJoin, v.quorum().quorate());
        }
        queryJoiners();
    }

    private void queryJoiners() {
        cancel(joinRetry);
        joinRetry = null;
        if (pendingJoin.isEmpty() || view == null) {
            return;
        }
        for (String m : pendingJoin) {
            post(m, new WireMessage.Query(view.viewId()));
        }
        joinRetry = loop.schedule(QUERY_RETRY, this::queryJoiners);
    }

    private void answered(String from, WireMessage.Answer a) {
        Takeover t = takeover;
        if (t != null && t.viewId == a.viewId() && t.waitingFor.remove(from)) {
            t.answers.put(from, a);
            if (t.waitingFor.isEmpty()) {
                finishTakeover(t);
            }
            return;
        }
        if (controller.isActive() && pendingJoin.remove(from) && view != null && view.members().contains(from)) {
            Set<String> joined = new TreeSet<>(view.members());
            joined.removeAll(pendingJoin);
            controller.update("history of " + from,
                    c -> NodeStatus.withLrm(clearTransientAttributes(c, from), from, a.history()));
            controller.membershipChanged(joined, pendingJoin, view.quorum().quorate());
            if (pendingJoin.isEmpty()) {
                cancel(joinRetry);
                joinRetry = null;
            }
        }
    }

    /** Every nodelist node has its {@code <node>} entry, as Pacemaker adds nodes when they first join. */
    private Cib withNodelist(Cib cib) {
        Configuration c = cib.configuration();
        List<Node> nodes = new ArrayList<>(c.nodes());
        boolean changed = false;
        for (Map.Entry<String, Integer> n : new TreeMap<>(nodeIds).entrySet()) {
            if (c.node(n.getKey()).isEmpty()) {
                nodes.add(Node.of(Integer.toString(n.getValue()), n.getKey()));
                changed = true;
            }
        }
        return changed ? cib.withConfiguration(c.withNodes(nodes)).withVersion(cib.version().nextEpoch()) : cib;
    }

    /** A node that left and came back has lost its transient attributes, as attrd forgets them. */
    private static Cib clearTransientAttributes(Cib cib, String node) {
        NodeState s = cib.status().nodeState(node).orElse(null);
        if (s == null || s.transientAttributes() == null) {
            return cib;
        }
        return cib.withStatus(cib.status().withNodeState(s.withTransientAttributes(null)));
    }

    // ---- messages ----------------------------------------------------------------------------------

    private void received(String from, WireMessage m) {
        if (m instanceof WireMessage.Exec e) {
            lrm.execute(e.request(), report -> reportTo(from, report));
        } else if (m instanceof WireMessage.Report r) {
            controller.onReport(r.report());
        } else if (m instanceof WireMessage.CibPush p) {
            if (!from.equals(self) && !controller.isActive() && (view == null || view.dc() == null
                    || from.equals(view.dc()))) {
                replica = p.cib();
            }
        } else if (m instanceof WireMessage.Query q) {
            post(from, new WireMessage.Answer(q.viewId(), replica, lrm.history()));
        } else if (m instanceof WireMessage.Answer a) {
            answered(from, a);
        } else if (m instanceof WireMessage.Change c) {
            post(from, commitHere(c));
        } else if (m instanceof WireMessage.ChangeResult r) {
            CompletableFuture<Cib> f = pendingChanges.remove(r.requestId());
            if (f != null) {
                if (r.kind() == null) {
                    f.complete(r.committed());
                } else {
                    f.completeExceptionally(new Refused(r.kind(), r.message()));
                }
            }
        } else if (m instanceof WireMessage.Leaving l) {
            if (controller.isActive()) {
                controller.nodeShuttingDown(l.node());
                controller.update("shutdown of " + l.node(), c -> NodeStatus.setTransient(c, l.node(), "shutdown",
                        Long.toString(clock.now().getEpochSecond())));
            }
        } else if (m instanceof WireMessage.FenceAsk f) {
            fenceHere(from, f);
        } else if (m instanceof WireMessage.FenceDone f) {
            CompletableFuture<org.vigil.ipc.FenceOutcome> p = pendingFences.remove(f.requestId());
            if (p != null) {
                p.complete(f.outcome());
            }
        } else if (m instanceof WireMessage.FenceLog f) {
            if (!from.equals(self) && !controller.isActive()) {
                fenceHistory = f.history();
            }
        }
    }

    /** Results go to the DC that asked; if it is gone, to whoever is DC now (as an unsolicited result). */
    private void reportTo(String dc, ExecReport report) {
        MembershipView v = view;
        if (v != null && v.members().contains(dc)) {
            post(dc, new WireMessage.Report(report));
        } else if (v != null && v.dc() != null) {
            post(v.dc(), new WireMessage.Report(new ExecReport(report.node(), -1, -1, report.op(),
                    report.attributeUpdates())));
        }
    }

    private void post(String node, WireMessage m) {
        if (node.equals(self)) {
            loop.execute(() -> received(self, m));
        } else if (!membership.send(node, WireCodec.encode(m))) {
            log.accept("cannot send " + m.getClass().getSimpleName() + " to " + node + ": not a member");
        }
    }

    /** After every event: a DC pushes a changed CIB to the members; every node persists a new configuration. */
    private void afterEvent() {
        if (controller.isActive()) {
            Cib now = controller.cib();
            if (now != lastPushed) {
                lastPushed = now;
                replica = now;
                recent.put(now.version(), now);
                membership.send(null, WireCodec.encode(new WireMessage.CibPush(now)));
            }
        }
        Cib c = replica;
        CibVersion v = configurationVersion(c);
        if (!v.equals(savedConfiguration)) {
            try {
                store.save(c);
                savedConfiguration = v;
            } catch (IOException e) {
                log.accept("cannot store the CIB in " + store.directory() + ": " + e.getMessage());
            }
        }
    }

    private static CibVersion configurationVersion(Cib c) {
        return new CibVersion(c.version().adminEpoch(), c.version().epoch(), 0);
    }

    private static void cancel(Cancellable c) {
        if (c != null) {
            c.cancel();
        }
    }

    // ---- configuration changes (from crm, through the DC) ------------------------------------------

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
     * Commits {@code proposed} (a CIB the caller made from the one at {@code basedOn}) cluster-wide: the
     * DC checks it and applies it, in one order with every other change. Completes with the committed CIB,
     * or exceptionally with {@link Refused}.
     */
    public CompletableFuture<Cib> commit(Cib proposed, CibVersion basedOn) {
        return askDc(pendingChanges, id -> new WireMessage.Change(id, proposed, basedOn));
    }

    /** Sends a request to the DC; its answer (matched by request id) completes the future. */
    private <T> CompletableFuture<T> askDc(Map<Long, CompletableFuture<T>> pending,
            java.util.function.LongFunction<WireMessage> request) {
        CompletableFuture<T> f = new CompletableFuture<>();
        long id = requestIds.incrementAndGet();
        loop.execute(() -> {
            MembershipView v = view;
            if (v == null || v.dc() == null) {
                f.completeExceptionally(new Refused("NO_DC", "the cluster has no DC at the moment (electing)"));
                return;
            }
            pending.put(id, f);
            post(v.dc(), request.apply(id));
        });
        return f;
    }

    private WireMessage.ChangeResult commitHere(WireMessage.Change c) {
        if (!controller.isActive()) {
            return new WireMessage.ChangeResult(c.requestId(), "NO_DC", self + " is not the DC (any more)", null);
        }
        if (view == null || !view.quorum().quorate()) {
            return new WireMessage.ChangeResult(c.requestId(), "NO_QUORUM",
                    "the partition has no quorum: configuration changes are refused", null);
        }
        Cib current = controller.cib();
        if (!configurationVersion(current).equals(configurationVersion(c.proposed().withVersion(c.basedOn())))) {
            return new WireMessage.ChangeResult(c.requestId(), "CONFLICT", "the configuration changed meanwhile (now "
                    + current.version() + ", the change was made from " + c.basedOn() + ")", null);
        }
        Cib base = recent.get(c.basedOn());
        if (base == null) {
            return new WireMessage.ChangeResult(c.requestId(), "CONFLICT",
                    "the CIB the change was made from (" + c.basedOn() + ") is too old; read it again", null);
        }
        List<org.vigil.cib.Finding> errors = new ArrayList<>();
        for (var f : org.vigil.cib.CibValidator.validate(c.proposed())) {
            if (f.severity() == org.vigil.cib.Finding.Severity.ERROR) {
                errors.add(f);
            }
        }
        if (!errors.isEmpty()) {
            return new WireMessage.ChangeResult(c.requestId(), "REJECTED", errors.get(0).toString(), null);
        }
        Cib merged;
        try {
            // the caller's status edits (cleanup, transient attributes) apply onto the status as it is now
            Cib from = new Cib(base.attributes(), base.configuration(), base.status());
            Cib to = new Cib(base.attributes(), base.configuration(), c.proposed().status());
            merged = org.vigil.cib.CibDiff.apply(current, org.vigil.cib.CibDiff.between(from, to));
        } catch (org.vigil.cib.CibParseException | RuntimeException e) {
            return new WireMessage.ChangeResult(c.requestId(), "CONFLICT",
                    "the status changed meanwhile in a way the change cannot be applied to: " + e.getMessage(), null);
        }
        boolean configurationChanged = !c.proposed().configuration().equals(current.configuration());
        Cib next = merged.withConfiguration(c.proposed().configuration()).withVersion(configurationChanged
                ? current.version().nextEpoch() : current.version().nextUpdate());
        controller.update(configurationChanged ? "configuration changed" : "status changed", x -> next);
        return new WireMessage.ChangeResult(c.requestId(), null, null, controller.cib());
    }

    // ---- fencing requests --------------------------------------------------------------------------

    public List<org.vigil.ipc.FenceOutcome> fenceHistory() {
        return fenceHistory;
    }

    private org.vigil.fencing.FenceEvent lastFencing(String target) {
        List<org.vigil.fencing.FenceEvent> h = fencer.history();
        for (int i = h.size() - 1; i >= 0; i--) {
            if (h.get(i).target().equals(target)) {
                return h.get(i);
            }
        }
        return null;
    }

    /** The DC records every fencing it did and shares the history with the members. */
    private void recordFence(org.vigil.fencing.FenceEvent e, String target, String action, boolean ok, String origin) {
        List<org.vigil.ipc.FenceOutcome> h = new ArrayList<>(fenceHistory);
        String devices = e == null || e.devices().isEmpty() ? null : String.join(",", e.devices());
        String reason = e != null && !e.reason().isEmpty() ? e.reason()
                : ok ? "the node was lost or unclean" : "no device could fence it";
        h.add(new org.vigil.ipc.FenceOutcome(target, action, ok ? org.vigil.ipc.FenceOutcome.Status.DONE
                : org.vigil.ipc.FenceOutcome.Status.FAILED, devices, origin, clock.now(), reason));
        if (h.size() > FENCE_HISTORY) {
            h = h.subList(h.size() - FENCE_HISTORY, h.size());
        }
        fenceHistory = List.copyOf(h);
        membership.send(null, WireCodec.encode(new WireMessage.FenceLog(fenceHistory)));
    }

    /** Asks the DC to fence {@code target}; completes with the outcome (done or failed). */
    public CompletableFuture<org.vigil.ipc.FenceOutcome> fence(String target, String action) {
        return askDc(pendingFences, id -> new WireMessage.FenceAsk(id, target, action));
    }

    private void fenceHere(String from, WireMessage.FenceAsk f) {
        if (!controller.isActive()) {
            refuseFence(from, f, self + " is not the DC");
            return;
        }
        if (f.target().equals(self)) {
            refuseFence(from, f,
                    "the DC does not fence itself; stop it cleanly or fence it from another node after it lost the DC role");
            return;
        }
        fencer.fenceManually(f.target(), f.action(), from).whenComplete((e, t) -> loop.execute(() -> {
            boolean ok = t == null && e.succeeded();
            if (ok) {
                controller.update("node " + f.target() + " fenced by the operator",
                        c -> NodeStatus.fenced(c, f.target()));
            }
            recordFence(e, f.target(), f.action(), ok, from);
            post(from, new WireMessage.FenceDone(f.requestId(), fenceHistory.get(fenceHistory.size() - 1)));
        }));
    }

    private void refuseFence(String from, WireMessage.FenceAsk f, String reason) {
        post(from, new WireMessage.FenceDone(f.requestId(), new org.vigil.ipc.FenceOutcome(f.target(), f.action(),
                org.vigil.ipc.FenceOutcome.Status.FAILED, null, from, clock.now(), reason)));
    }

    // ---- shutdown ----------------------------------------------------------------------------------

    /**
     * A clean stop: the DC moves this node's resources away (live-migrating where allowed), then the node
     * leaves. Completes once nothing is active here any more, or when {@code limit} is up.
     */
    public CompletableFuture<List<String>> shutdown(Duration limit) {
        CompletableFuture<List<String>> done = new CompletableFuture<>();
        loop.execute(() -> {
            MembershipView v = view;
            if (v != null && v.dc() != null) {
                post(v.dc(), new WireMessage.Leaving(self));
            }
            awaitDrained(done, clock.now().plus(limit));
        });
        return done;
    }

    private void awaitDrained(CompletableFuture<List<String>> done, java.time.Instant deadline) {
        List<String> active = org.vigil.controller.OperationHistory.activeResources(lrm.history());
        boolean dcBusy = controller.isActive() && controller.busy();
        if ((active.isEmpty() && !dcBusy) || !clock.now().isBefore(deadline)) {
            done.complete(active);
            return;
        }
        loop.schedule(Duration.ofMillis(200), () -> awaitDrained(done, deadline));
    }

    @Override
    public void close() {
        loop.close();
    }
}
