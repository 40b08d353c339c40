package org.vigil.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.vigil.cib.Cib;
import org.vigil.cib.Configuration;
import org.vigil.cib.Node;
import org.vigil.cib.NvSet;
import org.vigil.controller.Controller;
import org.vigil.controller.ExecRequest;
import org.vigil.controller.LocalResourceManager;
import org.vigil.controller.NodeStatus;
import org.vigil.ipc.FenceOutcome;
import org.vigil.membership.QuorumConfig;
import org.vigil.node.core.CommitOutcome;
import org.vigil.node.core.NodeFencer;
import org.vigil.node.core.NodeMessage;
import org.vigil.node.core.NodeProgram;
import org.vigil.node.core.NodeStore;
import org.vigil.world.RandomSource;

/**
 * A whole simulated cluster: servers with simulated agents and disks, each running the production
 * {@link NodeProgram} (the same class {@code vigild} runs: DC election outcome, join round, CIB replication,
 * commits, fencing history, shutdown drain), over a simulated network and membership, with a fence device.
 * This class only builds and breaks the world: it delivers messages, powers nodes on and off, and plays the
 * operator, whose changes go through a node's commit path as {@code crm} does live.
 */
public final class SimCluster {
    /** The operator retries a commit refused for want of a DC (an election is under way) for this long. */
    static final Duration OPERATOR_PATIENCE = Duration.ofSeconds(60);
    static final Duration OPERATOR_RETRY = Duration.ofSeconds(2);

    private final EventLoop loop;
    private final GroundTruth truth = new GroundTruth();
    private final FaultPlan faults = new FaultPlan();
    private final Map<String, SimNode> nodes = new LinkedHashMap<>();
    /** The same nodes, in the same order, for the walk after every event. */
    private final SimNode[] nodeList;
    private final Map<String, Integer> index = new LinkedHashMap<>();
    /** When the last message from one node to another arrives (by position): links keep messages in order. */
    private final Instant[][] lastArrival;
    private final Map<String, Integer> nodeIds = new TreeMap<>();
    private final SimNetwork network;
    private final SimMembership membership;
    private final SimFencer fencer;
    private final Controller.Scheduler scheduler;
    private final List<ActionObserver> observers = new ArrayList<>();
    private final List<CommitObserver> commitObservers = new ArrayList<>();
    private final List<java.util.function.BiConsumer<String, Cib>> transitionListeners = new ArrayList<>();
    private final List<OperatorResult> operatorResults = new ArrayList<>();
    private final List<AcknowledgedCommit> acknowledged = new ArrayList<>();
    private final Cib initial;
    /** Keys of commits the operator issued that have not ended yet: the cluster may hold either value. */
    private final Map<String, Integer> inFlight = new TreeMap<>();

    /** Sees every action a DC sends, before it leaves the DC (for the invariant checker). */
    public interface ActionObserver {
        void dispatched(String dc, boolean quorate, ExecRequest request);
    }

    /** Sees every commit a DC acknowledges, as the acknowledgement leaves it. */
    public interface CommitObserver {
        void acknowledged(String dc, boolean quorate, Cib committed);
    }

    /** How one operator action ended: {@code outcome} is "acknowledged", "refused KIND: why", "done", "failed: why". */
    public record OperatorResult(String action, String on, Instant at, String outcome) {}

    /**
     * A commit the cluster acknowledged: {@code key} names what it set (a later acknowledged commit of the
     * same key supersedes it), and applying {@code change} again to a configuration that holds it changes
     * nothing. An entry without change and CIB marks a commit of that key that ended uncertain.
     */
    public record AcknowledgedCommit(String key, String action, UnaryOperator<Configuration> change, Cib committed) {}

    public SimCluster(EventLoop loop, Cib initial, List<String> nodeNames, int rings, QuorumConfig quorum,
            Controller.Scheduler scheduler, Function<String, ResourceProfile> profiles, RandomSource random) {
        this.loop = loop;
        this.scheduler = scheduler;
        this.initial = initial;
        for (String n : nodeNames) {
            SteadyMonitors steady = new SteadyMonitors(loop);
            SimNode node = new SimNode(n, new SimAgentExecutor(n, loop, truth, faults, profiles, steady), steady);
            node.diskCib = initial;
            nodes.put(n, node);
            index.put(n, index.size());
            nodeIds.put(n, initial.configuration().node(n).map(x -> parseId(x, index.size())).orElse(index.size()));
        }
        this.nodeList = nodes.values().toArray(new SimNode[0]);
        this.lastArrival = new Instant[nodeList.length][nodeList.length];
        truth.beforeChange((rsc, node) -> {
            SimNode n = nodes.get(node);
            if (n != null) {
                n.steady.wake(rsc);
            }
        });
        faults.onAdd(f -> {
            if (f.action().equals("monitor")) {
                for (SimNode n : nodes.values()) {
                    if (f.node() == null || f.node().equals(n.name)) {
                        n.steady.wakeMatching(f.resource());
                    }
                }
            }
        });
        this.network = new SimNetwork(nodeNames, rings, this::health, random.split());
        this.membership = new SimMembership(loop, network, this::health, quorum);
        this.fencer = new SimFencer(loop, new SimFencer.Power() {
            @Override
            public void powerOff(String node) {
                crash(node);
            }

            @Override
            public void powerOn(String node) {
                boot(node);
            }

            @Override
            public SimNodeHealth health(String node) {
                return SimCluster.this.health(node);
            }
        });
        for (SimNode node : nodes.values()) {
            startProgram(node);
        }
        membership.addListener(this::viewChanged);
    }

    private static int parseId(Node n, int fallback) {
        try {
            return Integer.parseInt(n.id());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Brings up the membership; call once before running the loop. */
    public void start() {
        membership.recompute();
    }

    public EventLoop loop() {
        return loop;
    }

    public GroundTruth truth() {
        return truth;
    }

    public FaultPlan faults() {
        return faults;
    }

    public SimNetwork network() {
        return network;
    }

    public SimMembership membership() {
        return membership;
    }

    public SimFencer fencer() {
        return fencer;
    }

    public int nodeCount() {
        return nodeList.length;
    }

    public List<String> nodeNames() {
        return List.copyOf(nodes.keySet());
    }

    public SimNodeHealth health(String node) {
        SimNode n = nodes.get(node);
        return n == null ? SimNodeHealth.DOWN : n.health;
    }

    /** The node program running on {@code node} (its latest one, if the node is down). */
    public NodeProgram program(String node) {
        return nodes.get(node).program;
    }

    /** Operator actions and how they ended, in order. */
    public List<OperatorResult> operatorResults() {
        return List.copyOf(operatorResults);
    }

    /** The configuration of the last acknowledged commit (the scenario's own before any). */
    public Cib configuration() {
        for (int i = acknowledged.size() - 1; i >= 0; i--) {
            if (acknowledged.get(i).committed() != null) {
                return acknowledged.get(i).committed();
            }
        }
        return initial;
    }

    /** Commits the cluster acknowledged, in order. */
    public List<AcknowledgedCommit> acknowledgedCommits() {
        return acknowledged;
    }

    /** Called with the DC's CIB each time a DC starts a transition (the input the scheduler decided on). */
    public void onTransition(java.util.function.BiConsumer<String, Cib> listener) {
        transitionListeners.add(listener);
    }

    public void addObserver(ActionObserver o) {
        observers.add(o);
    }

    public void addCommitObserver(CommitObserver o) {
        commitObservers.add(o);
    }

    /** The active DCs (more than one while partitioned), by node name. */
    public Map<String, Controller> activeControllers() {
        Map<String, Controller> out = new LinkedHashMap<>();
        for (SimNode n : nodeList) {
            if (n.health == SimNodeHealth.UP && n.program.isDc()) {
                out.put(n.name, n.program.controller());
            }
        }
        return out;
    }

    /**
     * Whether {@code node}'s program, in the view it has taken in, has quorum (the membership may already
     * have installed a newer view whose event the node has not handled yet).
     */
    public boolean quorate(String node) {
        org.vigil.membership.MembershipView v = nodes.get(node).program.view();
        return v != null && v.quorum().quorate();
    }

    /** After every event: each running node program sends and stores what the event changed. */
    public void afterEvent() {
        for (SimNode n : nodeList) {
            if (n.health == SimNodeHealth.UP) {
                n.program.afterEvent();
            }
        }
    }

    // ---- the node programs and their world ----------------------------------------------------------

    private void startProgram(SimNode node) {
        long incarnation = node.incarnation;
        NodeTimers timers = new NodeTimers(loop, () -> node.health, () -> node.incarnation, null);
        LocalResourceManager lrm = new LocalResourceManager(node.name, node.agents, loop,
                new NodeTimers(loop, () -> node.health, () -> node.incarnation, node.steady));
        NodeStore disk = new NodeStore() {
            @Override
            public void saveCib(Cib cib) {
                node.diskCib = cib;
            }

            @Override
            public void saveFencing(List<FenceOutcome> history) {
                node.diskFencing = List.copyOf(history);
            }

            @Override
            public String where() {
                return node.name + "'s disk";
            }
        };
        NodeFencer devices = (target, action, requester, done) -> fencer.fence(node.name, target, action, ok -> {
            if (node.incarnation == incarnation && node.health == SimNodeHealth.UP) {
                done.accept(new NodeFencer.Result(ok, ok ? List.of("sim-fence") : List.of(),
                        ok ? "" : "the fence device failed"));
            }
        });
        NodeProgram[] self = new NodeProgram[1];
        self[0] = new NodeProgram(node.name, nodeIds, loop, timers, (to, m) -> send(node, incarnation, to, m), disk,
                devices, lrm, scheduler, node.diskCib, node.diskFencing, line -> {
                    loop.trace().record(loop.now().toEpochMilli(), node.name, line);
                    if (line.startsWith("transition ") && !line.contains(" complete") && !line.contains(" stopped")) {
                        Cib decided = self[0].controller().cib();
                        transitionListeners.forEach(l -> l.accept(node.name, decided));
                    }
                });
        node.program = self[0];
    }

    private void viewChanged(SimMembership.NodeView view) {
        SimNode node = nodes.get(view.node());
        if (node != null && node.health == SimNodeHealth.UP) {
            node.program.viewChanged(view.view());
        }
    }

    /**
     * A message from one node program to another: it leaves only while the two are connected, takes the
     * network's delay, arrives after every earlier message on the same link, and is lost if the link or the
     * receiving process is gone by then. A hung receiver reads it when it resumes.
     */
    private boolean send(SimNode from, long fromIncarnation, String to, NodeMessage m) {
        SimNode target = nodes.get(to);
        if (target == null || from.incarnation != fromIncarnation || !network.connected(from.name, to)) {
            return false;
        }
        observe(from, m);
        int a = index.get(from.name);
        int b = index.get(to);
        Instant at = loop.now().plus(network.delay());
        Instant last = lastArrival[a][b];
        if (last != null && last.isAfter(at)) {
            at = last;
        }
        lastArrival[a][b] = at;
        long targetIncarnation = target.incarnation;
        loop.at(at, null, () -> deliver(from, target, targetIncarnation, m));
        return true;
    }

    private void observe(SimNode from, NodeMessage m) {
        if (m instanceof NodeMessage.Exec e) {
            boolean quorate = quorate(from.name);
            observers.forEach(o -> o.dispatched(from.name, quorate, e.request()));
            nodes.get(e.request().action() == null ? from.name : from.name).steady.wake(
                    e.request().action().resourceInstance());
        } else if (m instanceof NodeMessage.ChangeResult r && r.kind() == null && r.committed() != null) {
            boolean quorate = quorate(from.name);
            commitObservers.forEach(o -> o.acknowledged(from.name, quorate, r.committed()));
        }
    }

    private void deliver(SimNode from, SimNode target, long targetIncarnation, NodeMessage m) {
        if (target.incarnation != targetIncarnation || !network.connected(from.name, target.name)
                && target.health == SimNodeHealth.UP) {
            return;
        }
        if (target.health == SimNodeHealth.HUNG) {
            target.held.add(() -> deliver(from, target, targetIncarnation, m));
            return;
        }
        if (target.health != SimNodeHealth.UP) {
            return;
        }
        if (m instanceof NodeMessage.Exec e) {
            target.steady.wake(e.request().action().resourceInstance()); // its monitor may be running: real events again
        }
        target.program.received(from.name, m);
    }

    // ---- faults -------------------------------------------------------------------------------------

    /** Hard power-off. */
    public void crash(String node) {
        SimNode n = nodes.get(node);
        if (n == null || n.health == SimNodeHealth.DOWN) {
            return;
        }
        n.health = SimNodeHealth.DOWN;
        n.incarnation++;
        n.held.clear();
        n.agents.crash();
        n.program.lrm().reset();
        membership.forget(node);
        membership.topologyChanged(SimMembership.CRASH_DETECTION);
    }

    /** Power on (after a crash or fencing): the node boots with nothing running, reads its disk and rejoins. */
    public void boot(String node) {
        SimNode n = nodes.get(node);
        if (n == null || n.health != SimNodeHealth.DOWN) {
            return;
        }
        n.health = SimNodeHealth.UP;
        n.incarnation++;
        n.agents.boot();
        startProgram(n);
        membership.topologyChanged(SimMembership.MERGE_DELAY);
    }

    public void hang(String node) {
        SimNode n = nodes.get(node);
        if (n != null && n.health == SimNodeHealth.UP) {
            n.health = SimNodeHealth.HUNG;
            n.agents.hang();
            membership.topologyChanged(SimMembership.HANG_DETECTION);
        }
    }

    /** Every action on the node takes {@code factor} times as long (1 = normal again). */
    public void slow(String node, int factor) {
        SimNode n = nodes.get(node);
        if (n != null) {
            n.agents.setSlowFactor(factor);
        }
    }

    public void resume(String node) {
        SimNode n = nodes.get(node);
        if (n != null && n.health == SimNodeHealth.HUNG) {
            n.health = SimNodeHealth.UP;
            n.agents.resume();
            List<Runnable> held = new ArrayList<>(n.held);
            n.held.clear();
            for (Runnable r : held) {
                loop.schedule(Duration.ZERO, r);
            }
            membership.topologyChanged(SimMembership.MERGE_DELAY);
        }
    }

    /**
     * A clean reboot: the node program announces its shutdown, the DC moves its resources away, the node
     * leaves once nothing runs there (or after {@code drainLimit}), and it is back after {@code downFor}.
     */
    public void reboot(String node, Duration downFor, Duration drainLimit) {
        SimNode n = nodes.get(node);
        if (n == null || n.health != SimNodeHealth.UP) {
            return;
        }
        long incarnation = n.incarnation;
        n.program.shutdown(drainLimit, left -> {
            if (n.incarnation != incarnation) {
                return;
            }
            loop.trace().record(loop.now().toEpochMilli() + " " + n.name + " leaves for reboot"
                    + (left.isEmpty() ? "" : " (drain limit reached)"));
            crash(n.name);
            loop.at(loop.now().plus(downFor), "boot " + n.name, () -> boot(n.name));
        });
    }

    public void topologyChanged() {
        membership.topologyChanged(SimMembership.CRASH_DETECTION);
    }

    // ---- the operator (what crm does, on one node) ---------------------------------------------------

    /** The node the operator types on by default: the first one up, by name. */
    private String operatorNode(String on) {
        if (on != null) {
            return on;
        }
        for (String n : new java.util.TreeSet<>(nodes.keySet())) {
            if (health(n) == SimNodeHealth.UP) {
                return n;
            }
        }
        return nodeList[0].name;
    }

    /**
     * {@code crm configure ...} on node {@code on} (null: any node up): reads that node's CIB, applies the
     * change and commits it through the node program, as crm does over the daemon's socket. A refusal for
     * want of a DC is retried for {@link #OPERATOR_PATIENCE}; every other outcome is final.
     */
    public void changeConfiguration(String key, String action, String on, UnaryOperator<Configuration> change) {
        String where = operatorNode(on);
        loop.trace().record(loop.now().toEpochMilli(), "operator", action + " (on " + where + ")");
        inFlight.merge(key, 1, Integer::sum);
        attemptCommit(key, action, where, change, loop.now().plus(OPERATOR_PATIENCE));
    }

    /** Whether a commit of {@code key} is under way (issued, not answered yet). */
    public boolean inFlight(String key) {
        return inFlight.containsKey(key);
    }

    private void ended(String key) {
        inFlight.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
    }

    private void attemptCommit(String key, String action, String where, UnaryOperator<Configuration> change,
            Instant giveUp) {
        SimNode n = nodes.get(where);
        if (n.health != SimNodeHealth.UP) {
            ended(key);
            result(action, where, "refused UNAVAILABLE: vigild is not running on " + where);
            return;
        }
        Cib base = n.program.cib();
        Cib proposed = base.withConfiguration(change.apply(base.configuration()));
        long incarnation = n.incarnation;
        n.program.commit(proposed, base.version(), outcome -> {
            if (n.incarnation != incarnation) {
                ended(key); // the operator's node died under the command: its outcome is unknown
                acknowledged.add(new AcknowledgedCommit(key, action, null, null));
                return;
            }
            if (outcome.acknowledged()) {
                ended(key);
                acknowledged.add(new AcknowledgedCommit(key, action, change, outcome.committed()));
                result(action, where, "acknowledged " + outcome.committed().version());
            } else {
                if (outcome.message() != null && outcome.message().contains("may or may not")) {
                    // it may have been applied: from now on the cluster may hold either value of this key
                    acknowledged.add(new AcknowledgedCommit(key, action, null, null));
                }
                if ("NO_DC".equals(outcome.refusal()) && loop.now().isBefore(giveUp)) {
                    loop.schedule(OPERATOR_RETRY, () -> attemptCommit(key, action, where, change, giveUp));
                } else {
                    ended(key);
                    result(action, where, refusal(outcome));
                }
            }
        });
    }

    private static String refusal(CommitOutcome o) {
        return "refused " + o.refusal() + ": " + o.message();
    }

    private void result(String action, String on, String outcome) {
        operatorResults.add(new OperatorResult(action, on, loop.now(), outcome));
        loop.trace().record(loop.now().toEpochMilli(), "operator", action + " on " + on + ": " + outcome);
    }

    /** {@code crm node standby NODE} / {@code crm node online NODE}, typed on {@code on}. */
    public void setStandby(String node, boolean on, String where, String action) {
        changeConfiguration("standby " + node, action, where, c -> c.updateNode(node, n -> {
            List<NvSet> sets = new ArrayList<>(n.instanceAttributes());
            NvSet set = sets.isEmpty() ? NvSet.of("nodes-" + n.id(), List.of()) : sets.get(0);
            set = set.with("standby", on ? "on" : "off");
            if (sets.isEmpty()) {
                sets.add(set);
            } else {
                sets.set(0, set);
            }
            return n.withInstanceAttributes(sets);
        }));
    }

    /** {@code crm configure property NAME=VALUE}, typed on {@code on}. */
    public void setProperty(String name, String value, String where, String action) {
        changeConfiguration("property " + name, action, where, c -> withProperty(c, name, value));
    }

    static Configuration withProperty(Configuration c, String name, String value) {
        List<NvSet> sets = new ArrayList<>(c.clusterProperties());
        NvSet set = sets.isEmpty() ? NvSet.of("cib-bootstrap-options", List.of()) : sets.get(0);
        set = set.with(name, value);
        if (sets.isEmpty()) {
            sets.add(set);
        } else {
            sets.set(0, set);
        }
        return c.withClusterProperties(sets);
    }

    /** {@code crm resource cleanup RSC}: a status commit that forgets its failures, typed on {@code on}. */
    public void cleanup(String resource, String where, String action) {
        String on = operatorNode(where);
        SimNode n = nodes.get(on);
        loop.trace().record(loop.now().toEpochMilli(), "operator", action + " (on " + on + ")");
        if (n.health != SimNodeHealth.UP) {
            result(action, on, "refused UNAVAILABLE: vigild is not running on " + on);
            return;
        }
        Cib base = n.program.cib();
        n.program.commit(NodeStatus.clearFailures(base, resource), base.version(), o -> result(action, on,
                o.acknowledged() ? "acknowledged" : refusal(o)));
    }

    /**
     * {@code attrd_updater -n NAME -U VALUE [-d DAMPEN]} typed on {@code on}: that node's own transient
     * attribute, through its node program's attrd (every member holds it; the DC writes it).
     */
    public void updateAttribute(String name, String value, Duration dampen, String where, String action) {
        String on = operatorNode(where);
        SimNode n = nodes.get(on);
        loop.trace().record(loop.now().toEpochMilli(), "operator", action + " (on " + on + ")");
        if (n.health != SimNodeHealth.UP) {
            result(action, on, "failed: vigild is not running on " + on);
            return;
        }
        n.program.updateAttributes(on, List.of(org.vigil.agents.AttributeUpdate.set(name, value).withDampen(dampen)));
        result(action, on, "done");
    }

    /**
     * The transient node attributes in the CIB of the DC (the first node up that is DC, by name), by node
     * then name; null when no node is DC.
     */
    public Map<String, Map<String, String>> dcTransientAttributes() {
        for (String name : new java.util.TreeSet<>(nodes.keySet())) {
            SimNode n = nodes.get(name);
            if (n.health == SimNodeHealth.UP && n.program.isDc()) {
                Map<String, Map<String, String>> out = new java.util.TreeMap<>();
                for (org.vigil.cib.NodeState s : n.program.cib().status().nodeStates()) {
                    if (s.transientAttributes() != null) {
                        for (NvSet set : s.transientAttributes().sets()) {
                            for (org.vigil.cib.NvPair p : set.pairs()) {
                                out.computeIfAbsent(s.uname(), k -> new java.util.TreeMap<>())
                                        .putIfAbsent(p.name(), p.value());
                            }
                        }
                    }
                }
                return out;
            }
        }
        return null;
    }

    /** {@code crm node fence NODE}, typed on {@code on}. */
    public void fence(String target, String where, String action) {
        String on = operatorNode(where);
        SimNode n = nodes.get(on);
        loop.trace().record(loop.now().toEpochMilli(), "operator", action + " (on " + on + ")");
        if (n.health != SimNodeHealth.UP) {
            result(action, on, "failed: vigild is not running on " + on);
            return;
        }
        n.program.fence(target, "reboot", o -> result(action, on, o.succeeded() ? "done" : "failed: " + o.reason()));
    }

    /** Every node's fencing history (up or not: what it holds in memory, else on disk). */
    public Map<String, List<FenceOutcome>> fencingHistories() {
        Map<String, List<FenceOutcome>> out = new LinkedHashMap<>();
        for (SimNode n : nodeList) {
            out.put(n.name, n.health == SimNodeHealth.DOWN ? n.diskFencing : n.program.fenceHistory());
        }
        return out;
    }
}
