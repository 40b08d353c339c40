package org.vigil.node.core;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.vigil.cib.Cib;
import org.vigil.cib.CibVersion;
import org.vigil.cib.Configuration;
import org.vigil.cib.Lrm;
import org.vigil.cib.Node;
import org.vigil.cib.NodeState;
import org.vigil.cib.NvSets;
import org.vigil.controller.Controller;
import org.vigil.controller.ExecReport;
import org.vigil.controller.LocalResourceManager;
import org.vigil.controller.NodeStatus;
import org.vigil.controller.OperationHistory;
import org.vigil.ipc.FenceOutcome;
import org.vigil.membership.MembershipView;
import org.vigil.rules.Durations;
import org.vigil.world.Cancellable;
import org.vigil.world.Clock;
import org.vigil.world.Timers;

/**
 * Everything one node of the cluster decides, whichever world runs it: the DC takeover with its join round,
 * CIB replication, commits through the DC, fence requests and the replicated fencing history, the shutdown
 * drain. It owns the node's {@link Controller} (active while DC) and uses its {@link LocalResourceManager}.
 * {@code vigild} feeds it JGroups views and messages on its event thread; the simulator runs one per
 * simulated node over its simulated network. Single-threaded: every method runs on the node's event loop,
 * and the host calls {@link #afterEvent()} after every event.
 *
 * <p>Roles follow the membership's agreed DC ({@link MembershipView#dc()}, decided by
 * {@code MembershipTracker}'s rule in both worlds). A node that becomes DC waits up to {@code dc-deadtime}
 * after its start for the nodes it does not see yet, then asks every member for its CIB, its own
 * operation history and its fencing history; it starts from the newest configuration among them and
 * rebuilds the status from the histories. While DC it sends its CIB to the members after every change: a
 * diff against the version a member was last sent, the whole CIB to a member it has sent nothing yet (or
 * that could not apply a diff). A configuration commit is acknowledged only once every member of the
 * (quorate) partition confirmed it has stored it, so any later quorate partition includes a node that
 * holds it.
 */
public final class NodeProgram {
    /** How long a new DC waits for members' answers before going on with what it has. */
    public static final Duration TAKEOVER_WAIT = Duration.ofSeconds(3);
    static final Duration QUERY_RETRY = Duration.ofMillis(700);
    /** Pacemaker's default {@code dc-deadtime}. */
    public static final Duration DEFAULT_DC_DEADTIME = Duration.ofSeconds(20);
    /** A DC that asked a peer to fence it and is still alive this long after counts the fencing failed. */
    static final Duration SELF_FENCE_WAIT = Duration.ofSeconds(60);
    /** A fencing that cannot even be tried (no peer) fails after this pause, so the controller does not spin. */
    static final Duration NO_PEER_PAUSE = Duration.ofSeconds(10);

    private final String self;
    private final Map<String, Integer> nodeIds;
    private final Clock clock;
    private final Timers timers;
    private final NodeTransport transport;
    private final NodeStore store;
    private final NodeFencer fencer;
    private final LocalResourceManager lrm;
    private final Controller controller;
    private final Consumer<String> log;
    private final Instant startedAt;
    private final CommitDesk desk = new CommitDesk();
    private final FencingHistory fencing;
    private final AttributeTable attributes;
    private final Set<String> pendingJoin = new TreeSet<>();
    /** Requests this node sent to a DC (or a peer), by id, waiting for the answer. */
    private final Map<Long, Pending> pending = new TreeMap<>();
    /** As DC: configuration commits waiting for every member to confirm them. */
    private final List<Unconfirmed> unconfirmed = new ArrayList<>();
    /** As DC: the CIB version last sent to each member (diffs go against it). */
    private final Map<String, CibVersion> sentTo = new HashMap<>();
    /** When this node last saw each node join its view: a fencing after that means the node is down clean. */
    private final Map<String, Instant> lastSeen = new HashMap<>();
    private long nextRequest;
    private Cib replica;
    private MembershipView view;
    private Cib lastPushed;
    private CibVersion savedConfiguration;
    private Takeover takeover;
    private Cancellable joinRetry;
    private Cancellable deadtimeWait;
    private Cancellable selfFenceWait;
    private Consumer<Boolean> selfFenceDone;
    private boolean leaving;
    /** Members that announced a clean shutdown (told to this node as DC or DC-elect) and are still here. */
    private final Set<String> leavingNodes = new TreeSet<>();
    /** This node has followed another node as DC: past start-up, {@code dc-deadtime} no longer applies. */
    private boolean joinedCluster;
    /** The view in which this node last stepped down for being evicted (-1: none). */
    private long steppedDownInView = -1;
    private String toldLeaving;
    /** The LRMs of the remote nodes whose connection this node holds, by remote node name. */
    private final Map<String, LocalResourceManager> remoteLrms = new TreeMap<>();

    /** A request sent to another node; {@code to} is where it went, so a DC change can answer it. */
    private record Pending(String to, Consumer<NodeMessage> answer, NodeMessage ifUnanswered) {}

    /** A commit the DC made and acknowledges once {@code waitingFor} all confirmed its version. */
    private record Unconfirmed(String requester, long requestId, Cib committed, Set<String> waitingFor) {}

    /** A new DC's collection of the members' answers for one view. */
    private static final class Takeover {
        final long viewId;
        final Set<String> waitingFor;
        final Map<String, NodeMessage.Answer> answers = new TreeMap<>();
        Cancellable deadline;
        Cancellable retry;

        Takeover(long viewId, Set<String> waitingFor) {
            this.viewId = viewId;
            this.waitingFor = new TreeSet<>(waitingFor);
        }
    }

    /**
     * @param nodeIds the nodelist (name to nodeid): every node gets a {@code <node>} entry in the CIB
     * @param initial the CIB this node stored last time (or an empty one)
     * @param storedFencing the fencing history this node stored last time
     * @param log     one line per event (the controller's lines included)
     */
    public NodeProgram(String self, Map<String, Integer> nodeIds, Clock clock, Timers timers, NodeTransport transport,
            NodeStore store, NodeFencer fencer, LocalResourceManager lrm, Controller.Scheduler scheduler, Cib initial,
            List<FenceOutcome> storedFencing, Consumer<String> log) {
        this.self = self;
        this.nodeIds = Map.copyOf(nodeIds);
        this.clock = clock;
        this.timers = timers;
        this.transport = transport;
        this.store = store;
        this.fencer = fencer;
        this.lrm = lrm;
        this.log = log;
        this.replica = initial;
        this.savedConfiguration = CommitDesk.configurationVersion(initial.version());
        this.fencing = new FencingHistory(storedFencing);
        this.startedAt = clock.now();
        this.controller = new Controller(self, clock, timers, scheduler,
                new Controller.NodeChannel() {
                    @Override
                    public void send(String node, org.vigil.controller.ExecRequest request) {
                        NodeProgram.this.send(node, new NodeMessage.Exec(request));
                    }

                    @Override
                    public void sendVia(String via, String target, org.vigil.controller.ExecRequest request) {
                        NodeProgram.this.send(via, new NodeMessage.Exec(request, target));
                    }
                }, this::fenceForController,
                log::accept);
        this.attributes = new AttributeTable(timers, controller::isActive, controller::attributesWritten);
    }

    public String node() {
        return self;
    }

    /** The CIB as this node knows it (the DC's own, or the last one the DC sent here). */
    public Cib cib() {
        return replica;
    }

    public MembershipView view() {
        return view;
    }

    public boolean isDc() {
        return controller.isActive();
    }

    /** The controller, active while this node is DC (the simulator's invariants read it). */
    public Controller controller() {
        return controller;
    }

    public LocalResourceManager lrm() {
        return lrm;
    }

    /** The transient node attributes as this node's attrd holds them, by node then name. */
    public Map<String, Map<String, String>> nodeAttributes() {
        return attributes.values();
    }

    /**
     * As DC: the first difference between the transient attributes in its CIB and what its attrd holds
     * (attributes waiting for their delay and the controller's own aside), or null when there is none.
     */
    public String attributesNotWritten() {
        Map<String, Map<String, String>> held = attributes.values();
        Map<String, Map<String, String>> written = new TreeMap<>();
        for (NodeState s : controller.cib().status().nodeStates()) {
            transientValues(s).forEach((name, value) -> {
                if (AttributeTable.kept(name)) {
                    written.computeIfAbsent(s.uname(), k -> new TreeMap<>()).put(name, value);
                }
            });
        }
        for (String node : new TreeSet<>(union(held.keySet(), written.keySet()))) {
            Map<String, String> h = held.getOrDefault(node, Map.of());
            Map<String, String> w = written.getOrDefault(node, Map.of());
            for (String name : union(h.keySet(), w.keySet())) {
                if (!attributes.dampening(name) && !java.util.Objects.equals(h.get(name), w.get(name))) {
                    return name + " of " + node + ": attrd holds " + h.get(name) + ", the CIB says " + w.get(name);
                }
            }
        }
        return null;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }

    /** The cluster's fencing history as this node holds it, oldest first. */
    public List<FenceOutcome> fenceHistory() {
        return fencing.entries();
    }

    // ---- membership --------------------------------------------------------------------------------

    /** A new view, or the same one once its DC is agreed, or a quorum change. */
    public void viewChanged(MembershipView v) {
        if (view != null && v.viewId() < view.viewId()) {
            return;
        }
        boolean newView = view == null || v.viewId() != view.viewId();
        Set<String> before = view == null ? Set.of(self) : new TreeSet<>(view.members());
        view = v;
        if (newView) {
            for (String m : v.members()) {
                lastSeen.put(m, clock.now());
            }
            syncAttributes(before, v);
        }
        answerRequestsOfLostPeers(v);
        leavingNodes.retainAll(v.members());
        if (v.evicted() && v.viewId() != steppedDownInView) {
            // its state is stale: whatever it ran as DC stops here, once per view (the view is told again
            // when the DC is agreed and at quorum ticks)
            steppedDownInView = v.viewId();
            log.accept("this node was evicted: it stops acting as DC and waits to be taken back by the agreed DC"
                    + " (itself, with a new join round, if elected)");
            stopBeingDc();
        }
        if (v.dc() == null) {
            return; // electing: keep the current role until the partition agrees
        }
        if (leaving && !v.dc().equals(toldLeaving)) {
            toldLeaving = v.dc();
            send(v.dc(), new NodeMessage.Leaving(self));
        }
        if (!v.dc().equals(self)) {
            if (v.members().size() > 1) {
                joinedCluster = true;
            }
            stopBeingDc();
            return;
        }
        if (!controller.isActive()) {
            if (waitForDeadtime(v)) {
                return;
            }
            if (takeover == null || takeover.viewId != v.viewId()) {
                startTakeover(v);
            }
            return;
        }
        Set<String> members = new TreeSet<>(v.members());
        sentTo.keySet().retainAll(members);
        pendingJoin.retainAll(members);
        for (String m : members) {
            if (!m.equals(self) && !controller.members().contains(m)) {
                pendingJoin.add(m);
            }
        }
        Set<String> joined = new TreeSet<>(members);
        joined.removeAll(pendingJoin);
        controller.membershipChanged(joined, pendingJoin, v.quorum().quorate());
        Cib departedCleared = withoutDepartedAttributes(controller.cib(), v);
        if (departedCleared != controller.cib()) {
            controller.attributesWritten("node attributes of departed nodes removed",
                    c -> withoutDepartedAttributes(c, v), true);
        }
        reviewUnconfirmed();
        queryJoiners();
    }

    /**
     * Pacemaker's {@code dc-deadtime}: a node that has just started and does not see every node yet waits
     * that long (from its start) for the others before acting as DC, so a node booting into a cluster
     * whose views have not merged yet does not start a partition of its own. It is a start-up wait only: a
     * node that has been in a view with an agreed DC other than itself has joined the cluster, and when
     * that DC is lost it takes over at once, as Pacemaker's elections after start-up do.
     */
    private boolean waitForDeadtime(MembershipView v) {
        if (v.members().containsAll(nodeIds.keySet()) || joinedCluster) {
            return false;
        }
        Instant until = startedAt.plus(dcDeadtime(replica));
        if (!clock.now().isBefore(until)) {
            return false;
        }
        if (deadtimeWait == null) {
            log.accept("waiting up to dc-deadtime (until " + until + ") for the other nodes before acting as DC");
            deadtimeWait = timers.schedule(Duration.between(clock.now(), until), () -> {
                deadtimeWait = null;
                if (view != null) {
                    viewChanged(view);
                }
            });
        }
        return true;
    }

    static Duration dcDeadtime(Cib cib) {
        return NvSets.firstValue(cib.configuration().clusterProperties(), "dc-deadtime")
                .map(Durations::parseIntervalMs)
                .filter(ms -> ms >= 0)
                .map(Duration::ofMillis)
                .orElse(DEFAULT_DC_DEADTIME);
    }

    private void stopBeingDc() {
        if (takeover != null) {
            cancel(takeover.deadline);
            cancel(takeover.retry);
            takeover = null;
        }
        pendingJoin.clear();
        sentTo.clear();
        desk.forget();
        cancel(joinRetry);
        joinRetry = null;
        lastPushed = null;
        for (Unconfirmed u : unconfirmed) {
            send(u.requester(), new NodeMessage.ChangeResult(u.requestId(), "NO_DC", self + " stopped being DC before"
                    + " every member confirmed the change; it may or may not survive: read the CIB and check", null));
        }
        unconfirmed.clear();
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
        t.deadline = timers.schedule(TAKEOVER_WAIT, () -> {
            if (takeover == t) {
                log.accept("DC takes over without answers from " + t.waitingFor);
                finishTakeover(t);
            }
        });
    }

    private void askForAnswers(Takeover t) {
        for (String m : t.waitingFor) {
            send(m, new NodeMessage.Query(t.viewId));
        }
        t.retry = timers.schedule(QUERY_RETRY, () -> {
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
        boolean fencingGrew = false;
        for (Map.Entry<String, NodeMessage.Answer> a : t.answers.entrySet()) {
            if (a.getValue().cib().version().compareTo(base.version()) > 0) {
                base = a.getValue().cib();
            }
            histories.put(a.getKey(), a.getValue().history());
            fencingGrew |= fencing.merge(a.getValue().fencing());
        }
        if (fencingGrew) {
            saveFencing();
        }
        base = withNodelist(base);
        Set<String> partition = new TreeSet<>(v.members());
        pendingJoin.clear();
        for (String m : t.waitingFor) {
            if (partition.remove(m)) {
                pendingJoin.add(m); // counted in once its history is here
            }
        }
        // attrd's writer writes everything it holds: every member's attributes survive the DC change
        base = withoutDepartedAttributes(base, v);
        for (String m : v.members()) {
            base = attributes.writeNode(base, m);
        }
        base = withFencedNodes(base, v);
        sentTo.clear();
        lastPushed = null;
        controller.takeOver(base, partition, v.quorum().quorate(), histories);
        if (!pendingJoin.isEmpty()) {
            controller.membershipChanged(partition, pendingJoin, v.quorum().quorate());
        }
        for (String n : new TreeSet<>(leavingNodes)) {
            markLeaving(n);
        }
        shareFencing();
        queryJoiners();
    }

    /**
     * Nodes outside the partition that the fencing history shows fenced since this node last saw them are
     * down cleanly: whoever fenced them (a peer fencing the old DC, an operator), no one fences them again.
     */
    private Cib withFencedNodes(Cib cib, MembershipView v) {
        Cib out = cib;
        for (String n : new TreeSet<>(nodeIds.keySet())) {
            Instant seen = lastSeen.get(n);
            if (v.members().contains(n) || seen == null || !fencing.fencedSince(n, seen)) {
                continue;
            }
            NodeState s = out.status().nodeState(n).orElse(null);
            if (s != null && !"down".equals(s.join()) || s != null && s.lrm() != null && !s.lrm().resources().isEmpty()) {
                out = NodeStatus.fenced(out, n);
            }
        }
        return out;
    }

    private void queryJoiners() {
        cancel(joinRetry);
        joinRetry = null;
        if (pendingJoin.isEmpty() || view == null) {
            return;
        }
        for (String m : pendingJoin) {
            send(m, new NodeMessage.Query(view.viewId()));
        }
        joinRetry = timers.schedule(QUERY_RETRY, this::queryJoiners);
    }

    private void answered(String from, NodeMessage.Answer a) {
        if (fencing.merge(a.fencing())) {
            saveFencing();
            shareFencing();
        } else if (!a.fencing().equals(fencing.entries())) {
            transport.send(from, new NodeMessage.FenceLog(fencing.entries())); // it lacks some of ours
        }
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
            adoptNewerConfiguration(from, a.cib());
            controller.update("history of " + from, c -> NodeStatus.withLrm(
                    attributes.writeNode(AttributeTable.clear(c, from), from), from, a.history()));
            controller.membershipChanged(joined, pendingJoin, view.quorum().quorate());
            if (pendingJoin.isEmpty()) {
                cancel(joinRetry);
                joinRetry = null;
            }
        }
    }

    /** A member that answered late may hold a newer configuration than the one the DC started from. */
    private void adoptNewerConfiguration(String from, Cib theirs) {
        Cib mine = controller.cib();
        if (CommitDesk.configurationAtLeast(mine.version(), theirs.version())) {
            return;
        }
        CibVersion v = new CibVersion(theirs.version().adminEpoch(), theirs.version().epoch(),
                Math.max(theirs.version().numUpdates(), mine.version().numUpdates()) + 1);
        log.accept("adopting the newer configuration " + theirs.version() + " held by " + from);
        controller.update("newer configuration from " + from,
                c -> c.withConfiguration(theirs.configuration()).withVersion(v));
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

    // ---- node attributes (attrd) --------------------------------------------------------------------

    /**
     * attrd at a membership change: forget the attributes of nodes that left; tell the members this node's
     * own attributes (a node back after a partition or a hang re-sends its own, which the others forgot when
     * it left, so no writer loses them; a rebooted node starts with none, and its agents set them again).
     * Every new view, not only one with newcomers: a node that hung may see no change where the others saw
     * it leave and come back.
     */
    private void syncAttributes(Set<String> before, MembershipView v) {
        for (String gone : before) {
            if (!v.members().contains(gone) && !gone.equals(self)) {
                attributes.nodeLeft(gone);
            }
        }
        List<org.vigil.agents.AttributeUpdate> own = attributes.of(self);
        if (own.isEmpty() || v.evicted()) {
            return;
        }
        NodeMessage.Attributes sync = new NodeMessage.Attributes(self, own, NodeMessage.Attributes.Kind.SYNC);
        for (String m : v.members()) {
            if (!m.equals(self)) {
                transport.send(m, sync);
            }
        }
    }

    /**
     * Updates of {@code node}'s transient attributes made here ({@code crm_attribute -l reboot},
     * {@code attrd_updater}, an agent through the executor's shims): every member's attrd gets them, and the
     * writer (the DC) writes them into the status, after their dampening delay if they have one.
     */
    public void updateAttributes(String node, List<org.vigil.agents.AttributeUpdate> updates) {
        publishAttributes(node, updates, NodeMessage.Attributes.Kind.UPDATE);
    }

    private void publishAttributes(String node, List<org.vigil.agents.AttributeUpdate> updates,
            NodeMessage.Attributes.Kind kind) {
        if (updates.isEmpty()) {
            return;
        }
        attributes.apply(node, updates, kind);
        if (view != null) {
            NodeMessage.Attributes m = new NodeMessage.Attributes(node, updates, kind);
            for (String member : view.members()) {
                if (!member.equals(self)) {
                    transport.send(member, m);
                }
            }
        }
    }

    /** Nodes outside the view keep no transient attributes: Pacemaker removes them when a node leaves. */
    private static Cib withoutDepartedAttributes(Cib cib, MembershipView v) {
        Cib out = cib;
        for (NodeState s : cib.status().nodeStates()) {
            if (s.transientAttributes() != null && s.uname() != null && !v.members().contains(s.uname())) {
                out = AttributeTable.clear(out, s.uname());
            }
        }
        return out;
    }

    /**
     * The operator's transient attribute edits in a commit ({@code crm_attribute -l reboot}) go to attrd
     * too, so every node holds them and a new DC keeps them.
     */
    private void publishOperatorAttributes(Cib before, Cib after) {
        for (NodeState s : after.status().nodeStates()) {
            Map<String, String> now = transientValues(s);
            Map<String, String> was = before.status().nodeState(s.uname()).map(NodeProgram::transientValues)
                    .orElse(Map.of());
            List<org.vigil.agents.AttributeUpdate> updates = new ArrayList<>();
            now.forEach((name, value) -> {
                if (!value.equals(was.get(name))) {
                    updates.add(org.vigil.agents.AttributeUpdate.set(name, value));
                }
            });
            was.keySet().stream().filter(n -> !now.containsKey(n))
                    .forEach(n -> updates.add(org.vigil.agents.AttributeUpdate.delete(n)));
            updates.removeIf(u -> !AttributeTable.kept(u.name()));
            publishAttributes(s.uname(), updates, NodeMessage.Attributes.Kind.UPDATE);
        }
    }

    private static Map<String, String> transientValues(NodeState s) {
        Map<String, String> out = new TreeMap<>();
        if (s.transientAttributes() != null) {
            for (org.vigil.cib.NvSet set : s.transientAttributes().sets()) {
                for (org.vigil.cib.NvPair p : set.pairs()) {
                    if (p.name() != null && p.value() != null) {
                        out.putIfAbsent(p.name(), p.value());
                    }
                }
            }
        }
        return out;
    }

    // ---- messages ----------------------------------------------------------------------------------

    private void markLeaving(String node) {
        if (controller.isActive()) {
            controller.nodeShuttingDown(node);
            controller.update("shutdown of " + node, c -> NodeStatus.setTransient(c, node, "shutdown",
                    Long.toString(clock.now().getEpochSecond())));
        }
    }

    /** A message from {@code from} (this node included). */
    public void received(String from, NodeMessage m) {
        if (m instanceof NodeMessage.Exec e) {
            String target = e.target() == null ? self : e.target();
            LocalResourceManager runner = target.equals(self) ? lrm : remoteLrms.get(target);
            if (runner == null) {
                runner = unconnected(target);
            }
            runner.execute(e.request(), report -> {
                // the agent's attribute updates go to every node's attrd before the result goes to the DC
                publishAttributes(target, report.attributeUpdates(), report.unsolicited()
                        ? NodeMessage.Attributes.Kind.UPDATE : NodeMessage.Attributes.Kind.ACTION_RESULT);
                reportTo(from, report.attributeUpdates().isEmpty() ? report
                        : new ExecReport(report.node(), report.transitionId(), report.actionId(), report.op()));
            });
        } else if (m instanceof NodeMessage.Attributes a) {
            // from a member only: what a node that left sent before it went is forgotten with it
            if (!from.equals(self) && (view == null || view.members().contains(from))) {
                attributes.apply(a.node(), a.updates(), a.kind());
            }
        } else if (m instanceof NodeMessage.Report r) {
            controller.onReport(r.report());
        } else if (m instanceof NodeMessage.CibPush p) {
            cibReceived(from, p);
        } else if (m instanceof NodeMessage.CibResync) {
            if (controller.isActive()) {
                sentTo.remove(from); // the whole CIB: what the member holds is not known
                Cib now = controller.cib();
                pushTo(from, now, now.version(), null);
            }
        } else if (m instanceof NodeMessage.CibAck a) {
            confirmed(from, a.version());
        } else if (m instanceof NodeMessage.Query q) {
            send(from, new NodeMessage.Answer(q.viewId(), replica, lrm.history(), fencing.entries()));
        } else if (m instanceof NodeMessage.Answer a) {
            answered(from, a);
        } else if (m instanceof NodeMessage.Change c) {
            commitHere(from, c);
        } else if (m instanceof NodeMessage.Leaving l) {
            // kept while DC-elect too: a node that told this one during the join round is draining all the same
            leavingNodes.add(l.node());
            markLeaving(l.node());
        } else if (m instanceof NodeMessage.FenceAsk f) {
            fenceHere(from, f);
        } else if (m instanceof NodeMessage.FenceRun f) {
            fenceFor(from, f);
        } else if (m instanceof NodeMessage.FenceLog f) {
            fenceLogReceived(from, f);
        } else if (m instanceof NodeMessage.ChangeResult || m instanceof NodeMessage.FenceDone) {
            long id = m instanceof NodeMessage.ChangeResult r ? r.requestId() : ((NodeMessage.FenceDone) m).requestId();
            Pending p = pending.remove(id);
            if (p != null) {
                p.answer().accept(m);
            }
        }
    }

    /**
     * This node's connection to remote node {@code node} is up: the DC's actions for that node run through
     * {@code agents} (which must call back on this program's thread), with an LRM of its own here (recurring
     * monitors, history), as Pacemaker's controller proxies a remote node's executor.
     */
    public void remoteConnected(String node, org.vigil.agents.AgentExecutor agents) {
        LocalResourceManager old = remoteLrms.put(node, new LocalResourceManager(node, agents, clock, timers));
        if (old != null) {
            old.reset();
        }
        log.accept("remote node " + node + " connected through " + self);
    }

    /** The connection to {@code node} ended (stopped, or lost): its recurring monitors end with it. */
    public void remoteDisconnected(String node, String why) {
        LocalResourceManager l = remoteLrms.remove(node);
        if (l != null) {
            l.reset();
            log.accept("remote node " + node + " disconnected from " + self + ": " + why);
            // the connection's monitor tells the DC now, not at its next interval
            lrm.monitorNow(node);
        }
    }

    /** The remote nodes whose connection this node holds, with their operation history as recorded here. */
    public Map<String, Lrm> remoteHistories() {
        Map<String, Lrm> out = new TreeMap<>();
        remoteLrms.forEach((n, l) -> out.put(n, l.history()));
        return out;
    }

    /** An LRM for a remote node this node holds no connection to: every action fails as not connected. */
    private LocalResourceManager unconnected(String node) {
        org.vigil.agents.AgentExecutor none = (action, done) -> {
            timers.schedule(Duration.ZERO, () -> done.accept(org.vigil.agents.AgentResult.execError(
                    org.vigil.agents.OcfStatus.ERR_GENERIC, "not connected to remote node " + node + " on " + self)));
            return new org.vigil.agents.ActionHandle() {
                @Override
                public boolean cancel() {
                    return false;
                }

                @Override
                public boolean isDone() {
                    return false;
                }
            };
        };
        return new LocalResourceManager(node, none, clock, timers);
    }

    private void cibReceived(String from, NodeMessage.CibPush p) {
        if (from.equals(self) || controller.isActive() || view != null && view.dc() != null
                && !from.equals(view.dc())) {
            return;
        }
        if (p.isDiff() && (p.cib() == null || !replica.version().equals(p.baseVersion()))) {
            send(from, new NodeMessage.CibResync());
            return;
        }
        replica = p.cib();
        CibVersion v = CommitDesk.configurationVersion(replica.version());
        if (!v.equals(savedConfiguration)) {
            saveCib();
            send(from, new NodeMessage.CibAck(replica.version()));
        }
    }

    /**
     * Results go to the DC that asked; if it is no longer DC (gone, or back as an ordinary member), to
     * whoever is DC now, as an unsolicited result: a recurring monitor outlives the DC that started it.
     */
    private void reportTo(String dc, ExecReport report) {
        MembershipView v = view;
        boolean dcChanged = v != null && v.dc() != null && !v.dc().equals(dc);
        if (v != null && v.members().contains(dc) && !dcChanged) {
            send(dc, new NodeMessage.Report(report));
        } else if (v != null && v.dc() != null) {
            send(v.dc(), new NodeMessage.Report(new ExecReport(report.node(), -1, -1, report.op(),
                    report.attributeUpdates())));
        }
    }

    private void send(String node, NodeMessage m) {
        if (node.equals(self)) {
            timers.schedule(Duration.ZERO, () -> received(self, m));
        } else if (!transport.send(node, m)) {
            log.accept("cannot send " + m.getClass().getSimpleName() + " to " + node + ": not a member");
        }
    }

    /** The host calls this after every event: a DC sends a changed CIB to the members; nodes store it. */
    public void afterEvent() {
        if (controller.isActive()) {
            Cib now = controller.cib();
            if (now != lastPushed) {
                replica = now;
                desk.remember(now);
                // versions read once per push, not once per member (each read parses the CIB's attributes)
                CibVersion nowVersion = now.version();
                CibVersion lastVersion = lastPushed == null ? null : lastPushed.version();
                if (view != null) {
                    for (String m : view.members()) {
                        if (!m.equals(self)) {
                            pushTo(m, now, nowVersion, lastVersion);
                        }
                    }
                }
                lastPushed = now;
                if (!CommitDesk.configurationVersion(nowVersion).equals(savedConfiguration)) {
                    saveCib();
                }
                reviewUnconfirmed();
            }
        }
    }

    private void pushTo(String member, Cib now, CibVersion nowVersion, CibVersion lastVersion) {
        CibVersion sent = sentTo.get(member);
        boolean diff = sent != null && lastVersion != null && sent.equals(lastVersion);
        transport.send(member, diff ? NodeMessage.CibPush.diff(lastPushed, now) : NodeMessage.CibPush.whole(now));
        sentTo.put(member, nowVersion);
    }

    private void saveCib() {
        try {
            store.saveCib(replica);
            savedConfiguration = CommitDesk.configurationVersion(replica.version());
        } catch (IOException e) {
            log.accept("cannot store the CIB in " + store.where() + ": " + e.getMessage());
        }
    }

    private void saveFencing() {
        try {
            store.saveFencing(fencing.entries());
        } catch (IOException e) {
            log.accept("cannot store the fencing history in " + store.where() + ": " + e.getMessage());
        }
    }

    private static void cancel(Cancellable c) {
        if (c != null) {
            c.cancel();
        }
    }

    // ---- commits (from crm or a simulated operator, through the DC) ---------------------------------

    /**
     * Commits {@code proposed} (a CIB the caller made from the one at {@code basedOn}) cluster-wide: the DC
     * checks it and applies it, in one order with every other change, and acknowledges a configuration
     * change once every member has stored it.
     */
    public void commit(Cib proposed, CibVersion basedOn, Consumer<CommitOutcome> done) {
        MembershipView v = view;
        if (v == null || v.dc() == null) {
            done.accept(CommitOutcome.refused("NO_DC", "the cluster has no DC at the moment (electing)"));
            return;
        }
        long id = ++nextRequest;
        pending.put(id, new Pending(v.dc(), m -> {
            NodeMessage.ChangeResult r = (NodeMessage.ChangeResult) m;
            done.accept(r.kind() == null ? CommitOutcome.ok(r.committed()) : CommitOutcome.refused(r.kind(), r.message()));
        }, new NodeMessage.ChangeResult(id, "NO_DC", "the DC " + v.dc() + " left before answering; the change may or"
                + " may not have been committed: read the CIB and check", null)));
        send(v.dc(), new NodeMessage.Change(id, proposed, basedOn));
    }

    private void commitHere(String from, NodeMessage.Change c) {
        if (!controller.isActive()) {
            send(from, new NodeMessage.ChangeResult(c.requestId(), "NO_DC", self + " is not the DC (any more)", null));
            return;
        }
        if (view == null || !view.quorum().quorate()) {
            send(from, new NodeMessage.ChangeResult(c.requestId(), "NO_QUORUM",
                    "the partition has no quorum: configuration changes are refused", null));
            return;
        }
        CommitDesk.Decision d = desk.decide(controller.cib(), c.proposed(), c.basedOn());
        if (d.refusal() != null) {
            send(from, new NodeMessage.ChangeResult(c.requestId(), d.refusal(), d.message(), null));
            return;
        }
        Cib before = controller.cib();
        controller.update(d.configurationChanged() ? "configuration changed" : "status changed", x -> d.next());
        Cib committed = controller.cib();
        publishOperatorAttributes(before, committed);
        if (!d.configurationChanged()) {
            send(from, new NodeMessage.ChangeResult(c.requestId(), null, null, committed));
            return;
        }
        Set<String> others = new TreeSet<>(view.members());
        others.remove(self);
        unconfirmed.add(new Unconfirmed(from, c.requestId(), committed, others));
        // answered from afterEvent, once the CIB went out and (with no other member) at once
    }

    private void confirmed(String from, CibVersion version) {
        for (Unconfirmed u : unconfirmed) {
            if (CommitDesk.configurationAtLeast(version, u.committed().version())) {
                u.waitingFor().remove(from);
            }
        }
        reviewUnconfirmed();
    }

    /** Answers the commits every member has confirmed; refuses them if the partition lost quorum meanwhile. */
    private void reviewUnconfirmed() {
        if (unconfirmed.isEmpty() || lastPushed == null && controller.isActive()) {
            return;
        }
        Iterator<Unconfirmed> it = unconfirmed.iterator();
        while (it.hasNext()) {
            Unconfirmed u = it.next();
            if (view != null) {
                u.waitingFor().retainAll(view.members());
            }
            if (view == null || !view.quorum().quorate()) {
                it.remove();
                send(u.requester(), new NodeMessage.ChangeResult(u.requestId(), "NO_QUORUM", "the partition lost"
                        + " quorum before every member confirmed the change; it may or may not survive", null));
            } else if (u.waitingFor().isEmpty()) {
                it.remove();
                send(u.requester(), new NodeMessage.ChangeResult(u.requestId(), null, null, u.committed()));
            }
        }
    }

    /** Requests sent to a node that is no longer there (or no longer DC) get their answer now. */
    private void answerRequestsOfLostPeers(MembershipView v) {
        Iterator<Map.Entry<Long, Pending>> it = pending.entrySet().iterator();
        List<Pending> lost = new ArrayList<>();
        while (it.hasNext()) {
            Pending p = it.next().getValue();
            boolean gone = !v.members().contains(p.to()) || v.evicted();
            boolean dcChanged = p.ifUnanswered() instanceof NodeMessage.ChangeResult && v.dc() != null
                    && !v.dc().equals(p.to());
            if (gone || dcChanged) {
                it.remove();
                lost.add(p);
            }
        }
        lost.forEach(p -> p.answer().accept(p.ifUnanswered()));
    }

    // ---- fencing ------------------------------------------------------------------------------------

    /** The controller's fencing: a peer's devices fence the DC itself; this node's fence any other. */
    private void fenceForController(String target, String action, Consumer<Boolean> done) {
        String reason = FenceReasons.of(controller.cib(), controller.members(), target);
        if (!target.equals(self)) {
            fencer.fence(target, action, self, r -> {
                record(target, action, r, self, reason);
                done.accept(r.ok());
            });
            return;
        }
        String peer = peerFor(target);
        if (peer == null) {
            record(target, action, new NodeFencer.Result(false, List.of(), "no other member can fence the DC"),
                    self, reason);
            timers.schedule(NO_PEER_PAUSE, () -> done.accept(false));
            return;
        }
        log.accept("asking " + peer + " to fence this node (" + reason + ")");
        selfFenceDone = done;
        cancel(selfFenceWait);
        selfFenceWait = timers.schedule(SELF_FENCE_WAIT, () -> {
            Consumer<Boolean> d = selfFenceDone;
            selfFenceDone = null;
            if (d != null) {
                d.accept(false);
            }
        });
        send(peer, new NodeMessage.FenceRun(target, action, reason));
    }

    /** A member other than {@code target}, first by name: it runs the devices against the target. */
    private String peerFor(String target) {
        if (view == null) {
            return null;
        }
        for (String m : view.members()) {
            if (!m.equals(target)) {
                return m;
            }
        }
        return null;
    }

    /** A peer (the DC that must be fenced) asked this node to fence it. */
    private void fenceFor(String from, NodeMessage.FenceRun f) {
        if (f.target().equals(self)) {
            return;
        }
        log.accept("fencing " + f.target() + " on its request (" + f.reason() + ")");
        fencer.fence(f.target(), f.action(), self, r -> record(f.target(), f.action(), r, from, f.reason()));
    }

    /**
     * Asks for {@code target} to be fenced ({@code crm node fence}): the DC's devices do it, or, when the
     * target is the DC, another member's. {@code done} gets the history entry.
     */
    public void fence(String target, String action, Consumer<FenceOutcome> done) {
        MembershipView v = view;
        String executor = v == null || v.dc() == null ? null : v.dc().equals(target) ? peerFor(target) : v.dc();
        if (executor == null) {
            done.accept(new FenceOutcome(target, action, FenceOutcome.Status.FAILED, null, self, clock.now(),
                    "the cluster has no DC at the moment (electing)"));
            return;
        }
        long id = ++nextRequest;
        pending.put(id, new Pending(executor, m -> done.accept(((NodeMessage.FenceDone) m).outcome()),
                new NodeMessage.FenceDone(id, new FenceOutcome(target, action, FenceOutcome.Status.FAILED, null, self,
                        clock.now(), executor + " left before reporting how the fencing went"))));
        send(executor, new NodeMessage.FenceAsk(id, target, action));
    }

    private void fenceHere(String from, NodeMessage.FenceAsk f) {
        if (f.target().equals(self)) {
            send(from, new NodeMessage.FenceDone(f.requestId(), new FenceOutcome(f.target(), f.action(),
                    FenceOutcome.Status.FAILED, null, from, clock.now(), "a node does not fence itself; ask another")));
            return;
        }
        String reason = FenceReasons.OPERATOR + " on " + from;
        fencer.fence(f.target(), f.action(), from, r -> {
            if (r.ok() && controller.isActive()) {
                controller.update("node " + f.target() + " fenced by the operator", c -> NodeStatus.fenced(c, f.target()));
            }
            FenceOutcome o = record(f.target(), f.action(), r, from, reason);
            send(from, new NodeMessage.FenceDone(f.requestId(), o));
        });
    }

    /** Adds a finished fencing to the history, stores it and tells the members. */
    private FenceOutcome record(String target, String action, NodeFencer.Result r, String origin, String reason) {
        String devices = r.devices().isEmpty() ? null : String.join(",", r.devices());
        FenceOutcome o = new FenceOutcome(target, action, r.ok() ? FenceOutcome.Status.DONE
                : FenceOutcome.Status.FAILED, devices, origin, clock.now(), r.ok() ? reason
                : reason + "; failed: " + (r.failure().isEmpty() ? "no device could fence it" : r.failure()));
        log.accept("fencing of " + target + " " + (r.ok() ? "done" : "FAILED") + " (" + o.reason() + ")");
        if (fencing.merge(List.of(o))) {
            saveFencing();
            shareFencing();
        }
        return o;
    }

    private void shareFencing() {
        if (view == null) {
            return;
        }
        for (String m : view.members()) {
            if (!m.equals(self)) {
                transport.send(m, new NodeMessage.FenceLog(fencing.entries()));
            }
        }
    }

    private void fenceLogReceived(String from, NodeMessage.FenceLog f) {
        if (fencing.merge(f.history())) {
            saveFencing();
            if (controller.isActive() && view != null) {
                Cib before = controller.cib();
                Cib after = withFencedNodes(before, view);
                if (after != before) {
                    controller.update("fencing history confirms nodes down", c -> withFencedNodes(c, view));
                }
                shareFencing();
            }
        }
        if (!fencing.entries().equals(f.history()) && !from.equals(self)) {
            transport.send(from, new NodeMessage.FenceLog(fencing.entries())); // the sender lacks some of ours
        }
        // the DC that asked a peer to fence it and is still here: the peer's entry tells how it went
        if (selfFenceDone != null) {
            for (FenceOutcome o : f.history()) {
                if (o.target().equals(self) && o.status() == FenceOutcome.Status.FAILED && o.completedAt() != null
                        && !o.completedAt().isBefore(startedAt)) {
                    Consumer<Boolean> d = selfFenceDone;
                    selfFenceDone = null;
                    cancel(selfFenceWait);
                    d.accept(false);
                    break;
                }
            }
        }
    }

    // ---- shutdown ----------------------------------------------------------------------------------

    /**
     * The DC has recorded this node's shutdown (it expects it down), so nobody fences it for leaving — as a
     * Pacemaker node leaves only once its DC has agreed. With no DC, or alone, there is nobody to tell.
     */
    private boolean shutdownAcknowledged() {
        MembershipView v = view;
        if (v == null || v.dc() == null || v.members().size() <= 1) {
            return true;
        }
        Cib known = controller.isActive() ? controller.cib() : replica;
        return known.status().nodeState(self).map(s -> "down".equals(s.expected())).orElse(false);
    }

    /**
     * A clean stop: the DC moves this node's resources away (live-migrating where allowed). {@code done} gets
     * what is still active here once nothing is (empty), or when {@code limit} is up.
     */
    public void shutdown(Duration limit, Consumer<List<String>> done) {
        leaving = true;
        MembershipView v = view;
        if (v != null && v.dc() != null) {
            toldLeaving = v.dc();
            send(v.dc(), new NodeMessage.Leaving(self));
        }
        awaitDrained(done, clock.now().plus(limit));
    }

    private void awaitDrained(Consumer<List<String>> done, Instant deadline) {
        List<String> active = OperationHistory.activeResources(lrm.history());
        boolean dcBusy = controller.isActive() && controller.busy();
        if ((active.isEmpty() && !dcBusy && shutdownAcknowledged()) || !clock.now().isBefore(deadline)) {
            done.accept(active);
            return;
        }
        timers.schedule(Duration.ofMillis(200), () -> awaitDrained(done, deadline));
    }
}
