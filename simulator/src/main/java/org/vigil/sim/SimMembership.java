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
import java.util.TreeMap;
import org.vigil.membership.MembershipTracker;
import org.vigil.membership.MembershipView;
import org.vigil.membership.QuorumConfig;
import org.vigil.membership.QuorumState;

/**
 * Simulated group membership: the views the nodes would agree on (connected components of live nodes),
 * installed after a failure-detection delay, each fed to that node's own {@link MembershipTracker} (quorum
 * and the DC election, with the hellos every member exchanges), exactly as the daemon feeds JGroups views
 * and hellos to it. A hung node keeps its stale view until it resumes; a merge carries the partitions it
 * joins, so an evicted node notices.
 */
public final class SimMembership {
    /** Measured with JGroups here: a crash leaves the view in about a second, a hang in about three. */
    public static final Duration CRASH_DETECTION = Duration.ofMillis(1000);
    public static final Duration HANG_DETECTION = Duration.ofMillis(3000);
    public static final Duration MERGE_DELAY = Duration.ofMillis(2000);

    /** What one node sees. */
    public record NodeView(String node, MembershipView view) {
        public long viewId() {
            return view.viewId();
        }

        public Set<String> members() {
            return Set.copyOf(view.members());
        }

        public QuorumState quorum() {
            return view.quorum();
        }

        public String dc() {
            return view.dc();
        }
    }

    /** Called for every node whose view, DC or quorum changed. */
    public interface Listener {
        void viewChanged(NodeView view);
    }

    private final EventLoop loop;
    private final SimNetwork network;
    private final Function<String, SimNodeHealth> health;
    private final Map<String, MembershipTracker> trackers = new LinkedHashMap<>();
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
            trackers.put(n, new MembershipTracker(n, config));
        }
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public NodeView view(String node) {
        return views.get(node);
    }

    /** A node lost power: its view, its quorum state (wait_for_all starts over) and its DC memory died with it. */
    public void forget(String node) {
        views.remove(node);
        trackers.put(node, new MembershipTracker(node, config));
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
        for (MembershipTracker t : trackers.values()) {
            t.nextDeadline().ifPresent(when -> loop.at(when, "quorum window", this::recompute));
        }
    }

    private void install(Set<String> component) {
        TreeSet<String> sorted = new TreeSet<>(component);
        List<String> members = List.copyOf(sorted);
        boolean changed = false;
        for (String n : sorted) {
            NodeView old = views.get(n);
            changed |= old == null || !old.view().members().equals(members);
        }
        if (!changed) {
            for (String n : sorted) { // same members: only quorum may have moved (last_man_standing windows)
                if (trackers.get(n).tick(loop.now())) {
                    publish(n);
                }
            }
            return;
        }
        long id = nextViewId++;
        // the partitions this view joins, by the view each member had: more than one is a merge
        Map<Long, List<String>> before = new TreeMap<>();
        for (String n : sorted) {
            NodeView old = views.get(n);
            before.computeIfAbsent(old == null ? -1 - before.size() : old.viewId(), k -> new ArrayList<>()).add(n);
        }
        List<List<String>> subgroups = before.size() > 1 ? List.copyOf(before.values()) : List.of();
        MembershipTracker.TransportView tv = new MembershipTracker.TransportView(id, members, subgroups);
        List<MembershipTracker.Hello> hellos = new ArrayList<>();
        for (String n : sorted) {
            hellos.add(trackers.get(n).viewInstalled(tv, loop.now()));
        }
        // every member's hello reaches every other member of the view (delivered with the view: no delay)
        for (String n : sorted) {
            for (MembershipTracker.Hello h : hellos) {
                if (!h.from().equals(n)) {
                    trackers.get(n).helloReceived(h);
                }
            }
        }
        for (String n : sorted) {
            publish(n);
        }
    }

    private void publish(String n) {
        MembershipView mv = trackers.get(n).current();
        NodeView v = new NodeView(n, mv);
        views.put(n, v);
        loop.at(loop.now(), "view " + n + " #" + mv.viewId() + " " + mv.members()
                + (mv.quorum().quorate() ? " quorate" : " NO QUORUM") + (mv.dc() == null ? "" : " dc " + mv.dc()),
                () -> listeners.forEach(l -> l.viewChanged(v)));
    }
}
