package org.vigil.membership;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns the transport's views into {@link MembershipView}s: quorum through {@link VoteQuorum}, eviction
 * detection on merges, and the DC election. Deterministic and single-threaded: the JGroups binding (or a
 * test) feeds it views and hellos and sends the hellos it asks for.
 *
 * <p>The DC election: after each view every member announces (a "hello") the DC it knew before the view.
 * Once every member's hello for the view is in, each node decides the same way from the same hellos: of
 * the announced DCs that are still members, the one announced by the most members (after a merge, the
 * biggest former partition's DC); ties go to the first by name; if no announced DC is a member, the member
 * first by name. So a DC that is still there keeps the role, and the transport's coordinator, which can come
 * from a minority partition after a merge, plays no part.
 */
public final class MembershipTracker {
    /** A view as the transport installed it; {@code subgroups} lists the merged partitions (empty if none). */
    public record TransportView(long id, List<String> members, List<List<String>> subgroups) {
        public TransportView {
            members = List.copyOf(members);
            subgroups = subgroups.stream().map(List::copyOf).toList();
        }
    }

    /** What one member says after a view: the DC it knew before (null if none). */
    public record Hello(long viewId, String from, String knownDc) {}

    private final String self;
    private final VoteQuorum quorum;
    private final Set<String> configured;
    private final Map<Long, Map<String, Hello>> hellos = new HashMap<>();
    private TransportView transportView;
    private Set<String> lastMembers = Set.of();
    private String knownDc;
    private MembershipView current;

    public MembershipTracker(String self, QuorumConfig config) {
        this.self = self;
        this.quorum = new VoteQuorum(config);
        this.configured = config.byName().keySet();
    }

    public MembershipView current() {
        return current;
    }

    /** When the quorum calculation wants {@link #tick} to be called (last_man_standing). */
    public Optional<Instant> nextDeadline() {
        return quorum.nextDeadline();
    }

    /**
     * A new transport view. Returns the view to publish (with no DC yet) and the hello this node must send
     * to every member.
     */
    public Hello viewInstalled(TransportView view, Instant now) {
        boolean evicted = view.subgroups().isEmpty() ? false : evicted(view);
        transportView = view;
        lastMembers = Set.copyOf(view.members());
        if (evicted) {
            // Whatever DC this node believed in was replaced behind its back.
            knownDc = null;
        }
        hellos.keySet().removeIf(id -> id < view.id());
        QuorumState q = quorum.update(Set.copyOf(view.members()), now);
        current = new MembershipView(view.id(), sorted(view.members()), strangers(view.members()), q, null,
                !view.subgroups().isEmpty(), evicted);
        Hello mine = new Hello(view.id(), self, knownDc);
        helloReceived(mine);
        return mine;
    }

    /**
     * The eviction case: a member of the view this node last had sits in another partition that did not
     * include this node, so the others had dropped it while it still counted them in.
     */
    private boolean evicted(TransportView view) {
        for (List<String> group : view.subgroups()) {
            if (group.contains(self)) {
                continue;
            }
            for (String m : group) {
                if (lastMembers.contains(m)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A member's hello (possibly for a view this node has not installed yet). Returns true if the view changed. */
    public boolean helloReceived(Hello hello) {
        if (transportView != null && hello.viewId() < transportView.id()) {
            return false;
        }
        hellos.computeIfAbsent(hello.viewId(), id -> new LinkedHashMap<>()).put(hello.from(), hello);
        return decideIfComplete();
    }

    private boolean decideIfComplete() {
        if (transportView == null || current.dc() != null) {
            return false;
        }
        Map<String, Hello> got = hellos.getOrDefault(transportView.id(), Map.of());
        if (!got.keySet().containsAll(transportView.members())) {
            return false;
        }
        Map<String, Integer> votes = new TreeMap<>();
        for (String m : transportView.members()) {
            String named = got.get(m).knownDc();
            if (named != null && transportView.members().contains(named)) {
                votes.merge(named, 1, Integer::sum);
            }
        }
        String dc = null;
        int best = 0;
        for (Map.Entry<String, Integer> e : votes.entrySet()) {
            if (e.getValue() > best) {
                dc = e.getKey();
                best = e.getValue();
            }
        }
        if (dc == null) {
            dc = new TreeSet<>(transportView.members()).first();
        }
        knownDc = dc;
        current = new MembershipView(current.viewId(), current.members(), current.strangers(), current.quorum(), dc,
                current.merged(), current.evicted());
        return true;
    }

    /** Re-evaluates quorum at {@link #nextDeadline()}. Returns true if the view changed. */
    public boolean tick(Instant now) {
        if (transportView == null) {
            return false;
        }
        QuorumState q = quorum.update(Set.copyOf(transportView.members()), now);
        if (q.equals(current.quorum())) {
            return false;
        }
        current = new MembershipView(current.viewId(), current.members(), current.strangers(), q, current.dc(),
                current.merged(), current.evicted());
        return true;
    }

    private Set<String> strangers(List<String> members) {
        Set<String> out = new TreeSet<>();
        for (String m : members) {
            if (!configured.contains(m)) {
                out.add(m);
            }
        }
        return out;
    }

    private static List<String> sorted(List<String> names) {
        List<String> out = new ArrayList<>(names);
        out.sort(null);
        return out;
    }
}
