package org.vigil.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.vigil.cib.Cib;
import org.vigil.cib.Configuration;
import org.vigil.cib.Lrm;
import org.vigil.cib.NvSet;
import org.vigil.controller.Controller;
import org.vigil.controller.ExecReport;
import org.vigil.controller.ExecRequest;
import org.vigil.controller.LocalResourceManager;
import org.vigil.controller.NodeStatus;
import org.vigil.membership.QuorumConfig;
import org.vigil.world.RandomSource;

/**
 * A whole simulated cluster: nodes with simulated agents, the production LRM and controller on each,
 * a simulated network and membership, a fence device, and the configuration store. The node that is first
 * by name in each partition's view acts as DC, as the daemon's rule says.
 */
public final class SimCluster {
    private final EventLoop loop;
    private final GroundTruth truth = new GroundTruth();
    private final FaultPlan faults = new FaultPlan();
    private final Map<String, SimNode> nodes = new LinkedHashMap<>();
    /** The same nodes, in the same order, for the walk after every event. */
    private final SimNode[] nodeList;
    private final SimNetwork network;
    private final SimMembership membership;
    private final SimFencer fencer;
    private final Controller.Scheduler scheduler;
    private final List<ActionObserver> observers = new ArrayList<>();
    private final List<java.util.function.BiConsumer<String, Cib>> transitionListeners = new ArrayList<>();
    private Cib config;
    private final Map<Long, String> dcByView = new java.util.HashMap<>();

    /** Sees every action a DC sends, before it leaves the DC (for the invariant checker). */
    public interface ActionObserver {
        void dispatched(String dc, boolean quorate, ExecRequest request);
    }

    public SimCluster(EventLoop loop, Cib initial, List<String> nodeNames, int rings, QuorumConfig quorum,
            Controller.Scheduler scheduler, Function<String, ResourceProfile> profiles, RandomSource random) {
        this.loop = loop;
        this.scheduler = scheduler;
        this.config = initial;
        for (String n : nodeNames) {
            SteadyMonitors steady = new SteadyMonitors(loop);
            SimNode node = new SimNode(n, new SimAgentExecutor(n, loop, truth, faults, profiles, steady), steady);
            nodes.put(n, node);
        }
        this.nodeList = nodes.values().toArray(new SimNode[0]);
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
        network.beforeChange(this::replicate); // who receives the CIB depends on the rings
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
            node.replica = initial;
            startProcesses(node);
        }
        membership.addListener(this::viewChanged);
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

    /** The configuration the operators committed (never lost, whatever happens to the nodes). */
    public Cib configuration() {
        return config;
    }

    /** Called with the DC's CIB each time a DC starts a transition (the input the scheduler decided on). */
    public void onTransition(java.util.function.BiConsumer<String, Cib> listener) {
        transitionListeners.add(listener);
    }

    public void addObserver(ActionObserver o) {
        observers.add(o);
    }

    /** The active DCs (more than one while partitioned), by node name. */
    public Map<String, Controller> activeControllers() {
        Map<String, Controller> out = new LinkedHashMap<>();
        for (SimNode n : nodes.values()) {
            if (n.health == SimNodeHealth.UP && n.controller.isActive()) {
                out.put(n.name, n.controller);
            }
        }
        return out;
    }

    /**
     * CIB replication: every DC's CIB reaches the members it can talk to, as the daemon broadcasts each
     * update. A node that becomes DC starts from its own copy. Called after every event.
     */
    public void replicate() {
        for (SimNode dc : nodes.values()) {
            Cib cib = dc.settled;
            if (cib == null || cib == dc.lastReplicated) {
                continue; // nothing new since the last broadcast (the CIB is immutable: same object, same content)
            }
            dc.lastReplicated = cib;
            for (String m : dc.controller.members()) {
                SimNode member = nodes.get(m);
                if (member != null && member.health == SimNodeHealth.UP && network.connected(dc.name, m)) {
                    member.replica = cib;
                }
            }
        }
    }

    /**
     * After every event: notes each active DC's CIB, which it has broadcast by now. Who received it is
     * worked out by {@link #replicate} only when that can change (a node's health, the network) or is read
     * (a DC takes over): until then the same members would have received every version, the last one
     * winning, so nothing is lost by not copying it to every member after each event.
     */
    public void settle() {
        for (SimNode n : nodeList) {
            n.settled = n.health == SimNodeHealth.UP && n.controller.isActive() ? n.controller.cib() : null;
        }
    }

    private void startProcesses(SimNode node) {
        NodeTimers timers = new NodeTimers(loop, () -> node.health, () -> node.incarnation, null);
        node.lrm = new LocalResourceManager(node.name, node.agents, loop,
                new NodeTimers(loop, () -> node.health, () -> node.incarnation, node.steady));
        node.controller = new Controller(node.name, loop, timers, scheduler,
                (target, request) -> send(node, target, request),
                (target, action, done) -> fencer.fence(node.name, target, action, done),
                line -> {
                    loop.trace().record(loop.now().toEpochMilli(), node.name, line);
                    if (line.startsWith("transition ") && !line.contains(" complete") && !line.contains(" stopped")) {
                        transitionListeners.forEach(l -> l.accept(node.name, node.controller.cib()));
                    }
                });
    }

    private void viewChanged(SimMembership.NodeView view) {
        replicate();
        SimNode node = nodes.get(view.node());
        if (node == null || node.health != SimNodeHealth.UP) {
            return;
        }
        String dc = dcByView.computeIfAbsent(view.viewId(), id -> chooseDc(view.members()));
        if (!dc.equals(node.name)) {
            node.controller.stepDown();
            return;
        }
        Map<String, Lrm> histories = new LinkedHashMap<>();
        for (String m : new TreeSet<>(view.members())) {
            histories.put(m, nodes.get(m).lrm.history());
        }
        if (node.controller.isActive()) {
            node.controller.membershipChanged(view.members(), view.quorum().quorate(), histories);
            return;
        }
        Cib base = node.replica.withConfiguration(config.configuration()).withVersion(config.version());
        node.controller.takeOver(base, view.members(), view.quorum().quorate(), histories);
    }

    /**
     * Vigil's DC rule: a partition keeps a DC it already has (the one with the newest CIB when partitions
     * merge); otherwise the member first by name takes the role.
     */
    private String chooseDc(Set<String> members) {
        String best = null;
        for (String m : new TreeSet<>(members)) {
            SimNode n = nodes.get(m);
            if (n.health == SimNodeHealth.UP && n.controller.isActive() && (best == null
                    || n.controller.cib().version().compareTo(nodes.get(best).controller.cib().version()) > 0)) {
                best = m;
            }
        }
        return best != null ? best : new TreeSet<>(members).first();
    }

    private void send(SimNode dc, String target, ExecRequest request) {
        boolean quorate = membership.view(dc.name) != null && membership.view(dc.name).quorum().quorate();
        observers.forEach(o -> o.dispatched(dc.name, quorate, request));
        SimNode t = nodes.get(target);
        if (t == null || !network.connected(dc.name, target)) {
            return;
        }
        long dcIncarnation = dc.incarnation;
        loop.schedule(network.delay(), () -> {
            if (!network.connected(dc.name, target)) {
                return;
            }
            t.steady.wake(request.action().resourceInstance()); // its monitor may be running: real events again
            t.lrm.execute(request, report -> reply(t, dc, dcIncarnation, report));
        });
    }

    private void reply(SimNode from, SimNode dc, long dcIncarnation, ExecReport report) {
        if (!network.connected(from.name, dc.name)) {
            return;
        }
        loop.schedule(network.delay(), () -> {
            if (dc.incarnation == dcIncarnation && dc.health == SimNodeHealth.UP && dc.controller.isActive()) {
                dc.controller.onReport(report);
            } else {
                // The DC that asked is gone: the report still reaches whoever is DC for this node now.
                for (Controller c : activeControllers().values()) {
                    if (c.members().contains(from.name) && network.connected(from.name, dcOf(c))) {
                        c.onReport(new ExecReport(report.node(), -1, -1, report.op()));
                    }
                }
            }
        });
    }

    private String dcOf(Controller c) {
        for (SimNode n : nodes.values()) {
            if (n.controller == c) {
                return n.name;
            }
        }
        return "";
    }

    // ---- faults -------------------------------------------------------------------------------------

    /** Hard power-off. */
    public void crash(String node) {
        SimNode n = nodes.get(node);
        if (n == null || n.health == SimNodeHealth.DOWN) {
            return;
        }
        replicate();
        n.controller.stepDown();
        n.health = SimNodeHealth.DOWN;
        n.incarnation++;
        n.agents.crash();
        n.lrm.reset();
        membership.forget(node);
        membership.topologyChanged(SimMembership.CRASH_DETECTION);
    }

    /** Power on (after a crash or fencing): the node boots with nothing running and rejoins. */
    public void boot(String node) {
        SimNode n = nodes.get(node);
        if (n == null || n.health != SimNodeHealth.DOWN) {
            return;
        }
        replicate();
        n.health = SimNodeHealth.UP;
        n.incarnation++;
        n.shuttingDown = false;
        n.agents.boot();
        startProcesses(n);
        membership.topologyChanged(SimMembership.MERGE_DELAY);
    }

    public void hang(String node) {
        SimNode n = nodes.get(node);
        if (n != null && n.health == SimNodeHealth.UP) {
            replicate();
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
            replicate();
            n.health = SimNodeHealth.UP;
            n.agents.resume();
            membership.topologyChanged(SimMembership.MERGE_DELAY);
        }
    }

    /**
     * A clean reboot: the node announces its shutdown, the DC moves its resources away, the node leaves
     * once nothing runs there (or after {@code drainLimit}), and it is back after {@code downFor}.
     */
    public void reboot(String node, Duration downFor, Duration drainLimit) {
        SimNode n = nodes.get(node);
        if (n == null || n.health != SimNodeHealth.UP) {
            return;
        }
        n.shuttingDown = true;
        for (Controller c : activeControllers().values()) {
            c.nodeShuttingDown(node);
            c.update("shutdown of " + node, cib -> withTransientShutdown(cib, node, loop.now()));
        }
        Instant deadline = loop.now().plus(drainLimit);
        pollDrained(n, downFor, deadline);
    }

    private void pollDrained(SimNode n, Duration downFor, Instant deadline) {
        loop.schedule(Duration.ofSeconds(1), () -> {
            if (n.health != SimNodeHealth.UP || !n.shuttingDown) {
                return;
            }
            // A DC hands over only after its transition is through, as Pacemaker's controller does.
            boolean empty = truth.all().values().stream().noneMatch(m -> m.containsKey(n.name))
                    && !(n.controller.isActive() && n.controller.busy());
            if (empty || !loop.now().isBefore(deadline)) {
                loop.trace().record(loop.now().toEpochMilli() + " " + n.name + " leaves for reboot"
                        + (empty ? "" : " (drain limit reached)"));
                for (Controller c : activeControllers().values()) {
                    c.nodeShuttingDown(n.name);
                }
                crash(n.name);
                loop.at(loop.now().plus(downFor), "boot " + n.name, () -> boot(n.name));
            } else {
                pollDrained(n, downFor, deadline);
            }
        });
    }

    private static Cib withTransientShutdown(Cib cib, String node, Instant now) {
        var state = cib.status().nodeState(node).orElse(null);
        if (state == null) {
            return cib;
        }
        List<NvSet> sets = state.transientAttributes() == null ? List.of()
                : state.transientAttributes().sets();
        NvSet set = sets.isEmpty() ? NvSet.of("status-" + state.id(), List.of()) : sets.get(0);
        set = set.with("shutdown", Long.toString(now.getEpochSecond()));
        List<NvSet> out = new ArrayList<>(sets);
        if (out.isEmpty()) {
            out.add(set);
        } else {
            out.set(0, set);
        }
        return cib.withStatus(cib.status().withNodeState(state.withTransientAttributes(
                new org.vigil.cib.TransientAttributes(state.id(), out))));
    }

    public void topologyChanged() {
        membership.topologyChanged(SimMembership.CRASH_DETECTION);
    }

    // ---- operator actions -----------------------------------------------------------------------------

    /** Commits a configuration change (as {@code crm configure ...} would) and tells the DCs. */
    public void changeConfiguration(String why, UnaryOperator<Configuration> change) {
        config = config.withConfiguration(change.apply(config.configuration())).withVersion(
                config.version().nextEpoch());
        loop.trace().record(loop.now().toEpochMilli(), "operator", why);
        for (Controller c : activeControllers().values()) {
            c.configurationChanged(config.configuration());
        }
    }

    /** {@code crm node standby NODE} / {@code crm node online NODE}. */
    public void setStandby(String node, boolean on) {
        changeConfiguration((on ? "standby " : "online ") + node, c -> c.updateNode(node, n -> {
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

    /** {@code crm resource cleanup RSC}: forget its failures and history of failure. */
    public void cleanup(String resource) {
        loop.trace().record(loop.now().toEpochMilli(), "operator", "cleanup " + resource);
        for (Controller c : activeControllers().values()) {
            c.update("cleanup " + resource, cib -> NodeStatus.clearFailures(cib, resource));
        }
    }
}
