package org.vigil.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.vigil.membership.QuorumConfig;
import org.vigil.membership.QuorumState;
import org.vigil.membership.VoteQuorum;

/**
 * Simulated group membership: the views the nodes would agree on (connected components of live nodes),
 * installed after a failure-detection delay, each fed to that node's own votequorum, exactly as the daemon
 * feeds JGroups views to it. A hung node keeps its stale view until it resumes.
 */
public final class SimMembership {
    /** Measured with JGroups here: a crash leaves the view in about a second, a hang in about three. */
    public static final Duration CRASH_DETECTION = Duration.ofMillis(1000);
    public static final Duration HANG_DETECTION = Duration.ofMillis(3000);
    public static final Duration MERGE_DELAY = Duration.ofMillis(2000);

    /** What one node sees. */
    public record NodeView(String node, long viewId, Set<String> members, QuorumState quorum) {}

    /** Called for every node whose view or quorum changed. */
    public interface Listener {
        void viewChanged(NodeView view);
    }

    private final EventLoop loop;
    private final SimNetwork network;
    private final Function<String, SimNodeHealth> health;
    private final Map<String, VoteQuorum> quorum = new LinkedHashMap<>();
    private final QuorumConfig config;
    private final Map<String, NodeView> views = new LinkedHashMap<>();
    private final List<Listener> listeners = new ArrayList<>();
    private long nextViewId = 1;

    public SimMembership(EventLoop loop, SimNetwork network, Function<String, SimNodeHealth> health,
            QuorumConfig config) {
        this.loop = loop;
        this.network = network;
        this.health = health;
        this.config = config;
        for (String n : network.nodes()) {
            quorum.put(n, new VoteQuorum(config));
        }
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public NodeView view(String node) {
        return views.get(node);
    }

    /** A node lost power: its view and its quorum state (wait_for_all starts over) died with it. */
    public void forget(String node) {
        views.remove(node);
        quorum.put(node, new VoteQuorum(config));
    }

    /** Something changed in the network or the nodes; views settle after {@code detection}. */
    public void topologyChanged(Duration detection) {
        loop.at(loop.now().plus(detection), "membership recompute", this::recompute);
    }

    /** Installs the current components as views now (also used at start-up). */
    public void recompute() {
        Set<String> assigned = new TreeSet<>();
        for (String n : network.nodes()) {
            if (assigned.contains(n) || health.apply(n) != SimNodeHealth.UP) {
                continue;
            }
            Set<String> component = new LinkedHashSet<>();
            List<String> frontier = new ArrayList<>(List.of(n));
            while (!frontier.isEmpty()) {
                String cur = frontier.remove(frontier.size() - 1);
                if (!component.add(cur)) {
                    continue;
                }
                for (String other : network.nodes()) {
                    if (!component.contains(other) && network.connected(cur, other)) {
                        frontier.add(other);
                    }
                }
            }
            assigned.addAll(component);
            install(component);
        }
        for (VoteQuorum q : quorum.values()) {
            q.nextDeadline().ifPresent(when -> loop.at(when, "quorum window", this::recompute));
        }
    }

    private void install(Set<String> component) {
        TreeSet<String> sorted = new TreeSet<>(component);
        Set<String> members = Set.copyOf(sorted);
        Long sharedId = null;
        for (String n : sorted) {
            NodeView old = views.get(n);
            QuorumState q = quorum.get(n).update(members, loop.now());
            if (old != null && old.members().equals(members) && old.quorum().equals(q)) {
                continue;
            }
            if (sharedId == null) {
                sharedId = nextViewId++;
            }
            NodeView v = new NodeView(n, sharedId, members, q);
            views.put(n, v);
            loop.at(loop.now(), "view " + n + " #" + v.viewId() + " " + sorted
                    + (q.quorate() ? " quorate" : " NO QUORUM"), () -> listeners.forEach(l -> l.viewChanged(v)));
        }
    }
}
