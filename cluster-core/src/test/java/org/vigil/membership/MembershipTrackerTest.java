package org.vigil.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MembershipTrackerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final QuorumConfig ABC = QuorumConfig.majority(List.of("a", "b", "c"));

    /** Several nodes' trackers, fed the same views and each other's hellos, as the transport would. */
    private static final class Nodes {
        final Map<String, MembershipTracker> trackers = new LinkedHashMap<>();

        Nodes(QuorumConfig config, String... names) {
            for (String n : names) {
                trackers.put(n, new MembershipTracker(n, config));
            }
        }

        void view(long id, List<String> members, List<List<String>> subgroups) {
            List<MembershipTracker.Hello> hellos = new ArrayList<>();
            for (String m : members) {
                hellos.add(trackers.get(m).viewInstalled(new MembershipTracker.TransportView(id, members, subgroups), T0));
            }
            for (String m : members) {
                hellos.forEach(h -> trackers.get(m).helloReceived(h));
            }
        }

        void view(long id, String... members) {
            view(id, List.of(members), List.of());
        }

        MembershipView of(String n) {
            return trackers.get(n).current();
        }
    }

    @Test
    void firstByNameBecomesDcWhenNobodyWasDc() {
        Nodes n = new Nodes(ABC, "a", "b", "c");
        n.view(1, "c", "b", "a");
        for (String node : List.of("a", "b", "c")) {
            assertEquals("a", n.of(node).dc(), node);
            assertEquals(List.of("a", "b", "c"), n.of(node).members());
            assertTrue(n.of(node).quorum().quorate());
        }
    }

    @Test
    void dcKeepsTheRoleWhenANodeFirstByNameJoins() {
        Nodes n = new Nodes(ABC, "a", "b", "c");
        n.view(1, "c", "b");
        assertEquals("b", n.of("c").dc());
        n.view(2, "c", "b", "a");
        assertEquals("b", n.of("a").dc(), "the joiner learns the DC from the others' hellos");
        assertEquals("b", n.of("c").dc());
    }

    @Test
    void firstByNameTakesOverWhenTheDcLeaves() {
        Nodes n = new Nodes(ABC, "a", "b", "c");
        n.view(1, "a", "b", "c");
        n.view(2, "b", "c");
        assertEquals("b", n.of("c").dc());
        assertEquals("b", n.of("b").dc());
    }

    @Test
    void noDcUntilEveryMembersHelloIsIn() {
        MembershipTracker t = new MembershipTracker("a", ABC);
        t.viewInstalled(new MembershipTracker.TransportView(1, List.of("a", "b"), List.of()), T0);
        assertNull(t.current().dc());
        assertTrue(t.helloReceived(new MembershipTracker.Hello(1, "b", null)));
        assertEquals("a", t.current().dc());
    }

    @Test
    void hellosForAViewNotYetInstalledAreKept() {
        MembershipTracker t = new MembershipTracker("a", ABC);
        assertFalse(t.helloReceived(new MembershipTracker.Hello(4, "b", "b")));
        assertFalse(t.helloReceived(new MembershipTracker.Hello(4, "c", "b")));
        t.viewInstalled(new MembershipTracker.TransportView(4, List.of("a", "b", "c"), List.of()), T0);
        assertEquals("b", t.current().dc());
    }

    @Test
    void mergeKeepsTheBiggerPartitionsDcEvenWhenTheCoordinatorCameFromTheOtherSide() {
        Nodes n = new Nodes(ABC, "a", "b", "c");
        n.view(1, "a", "b", "c");
        n.view(2, "a");
        n.view(3, "b", "c");
        assertEquals("a", n.of("a").dc());
        assertEquals("b", n.of("b").dc());
        assertFalse(n.of("a").quorum().quorate());
        // the transport's merge leader is a (the minority side), listed first
        n.view(4, List.of("a", "b", "c"), List.of(List.of("a"), List.of("b", "c")));
        for (String node : List.of("a", "b", "c")) {
            assertEquals("b", n.of(node).dc(), node);
            assertTrue(n.of(node).merged());
            assertFalse(n.of(node).evicted(), node + " had noticed the split");
        }
    }

    @Test
    void evenMergeGoesToTheDcFirstByName() {
        QuorumConfig abcd = QuorumConfig.majority(List.of("a", "b", "c", "d"));
        Nodes n = new Nodes(abcd, "a", "b", "c", "d");
        n.view(1, "c", "d");
        n.view(2, "a", "b");
        n.view(3, List.of("c", "d", "a", "b"), List.of(List.of("c", "d"), List.of("a", "b")));
        assertEquals("a", n.of("d").dc());
    }

    @Test
    void nodeThatOnlySeesTheMergeNoticesItWasEvicted() {
        Nodes n = new Nodes(ABC, "a", "b", "c");
        n.view(1, "a", "b", "c");
        // b and c drop a, which never installs a view of its own (it was frozen)
        n.view(2, "b", "c");
        assertEquals("b", n.of("b").dc());
        n.view(3, List.of("a", "b", "c"), List.of(List.of("a", "b", "c"), List.of("b", "c")));
        assertTrue(n.of("a").evicted());
        assertFalse(n.of("b").evicted());
        assertFalse(n.of("c").evicted());
        assertEquals("b", n.of("a").dc(), "the evicted node's old DC (itself) is not announced");
    }

    @Test
    void strangersAreMembersWithoutVotes() {
        MembershipTracker t = new MembershipTracker("a", ABC);
        t.viewInstalled(new MembershipTracker.TransportView(1, List.of("a", "x"), List.of()), T0);
        assertEquals(Set.of("x"), t.current().strangers());
        assertEquals(1, t.current().quorum().totalVotes());
        assertFalse(t.current().quorum().quorate());
    }

    @Test
    void lastManStandingLowersExpectedVotesAtTheDeadline() {
        QuorumConfig lms = new QuorumConfig(ABC.nodes(), 0, false, false, true, Duration.ofSeconds(10), false, null);
        MembershipTracker t = new MembershipTracker("a", lms);
        t.viewInstalled(new MembershipTracker.TransportView(1, List.of("a", "b", "c"), List.of()), T0);
        t.viewInstalled(new MembershipTracker.TransportView(2, List.of("a", "b"), List.of()), T0);
        assertEquals(T0.plusSeconds(10), t.nextDeadline().orElseThrow());
        assertFalse(t.tick(T0.plusSeconds(5)));
        assertTrue(t.tick(T0.plusSeconds(10)));
        assertEquals(2, t.current().quorum().expectedVotes());
    }
}
