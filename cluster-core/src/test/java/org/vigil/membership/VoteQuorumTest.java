package org.vigil.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class VoteQuorumTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> FOUR = List.of("server50", "server51", "server52", "server53");

    private static QuorumConfig config(List<String> names, boolean twoNode, boolean wfa, boolean lms, boolean atb) {
        QuorumConfig base = QuorumConfig.majority(names);
        return new QuorumConfig(base.nodes(), 0, twoNode, wfa, lms, Duration.ofSeconds(10), atb, null);
    }

    @Test
    void fourNodeClusterNeedsThreeVotes() {
        VoteQuorum q = new VoteQuorum(QuorumConfig.majority(FOUR));
        assertTrue(q.update(Set.copyOf(FOUR), T0).quorate());
        QuorumState two = q.update(Set.of("server50", "server51"), T0.plusSeconds(1));
        assertFalse(two.quorate());
        assertEquals(3, two.quorum());
        assertTrue(q.update(Set.of("server50", "server51", "server52"), T0.plusSeconds(2)).quorate());
    }

    @Test
    void twoNodeClusterKeepsQuorumWithOneNodeAfterBothWereSeen() {
        VoteQuorum q = new VoteQuorum(config(List.of("brina", "piova"), true, false, false, false));
        QuorumState alone = q.update(Set.of("brina"), T0);
        assertFalse(alone.quorate(), "two_node implies wait_for_all at startup");
        assertTrue(alone.reason().contains("wait_for_all"));
        assertTrue(q.update(Set.of("brina", "piova"), T0.plusSeconds(1)).quorate());
        assertTrue(q.update(Set.of("brina"), T0.plusSeconds(2)).quorate());
    }

    @Test
    void evenSplitWithAutoTieBreakerFavoursTheLowestNodeId() {
        VoteQuorum low = new VoteQuorum(config(FOUR, false, false, false, true));
        VoteQuorum high = new VoteQuorum(config(FOUR, false, false, false, true));
        low.update(Set.copyOf(FOUR), T0);
        high.update(Set.copyOf(FOUR), T0);
        assertTrue(low.update(Set.of("server50", "server51"), T0.plusSeconds(1)).quorate());
        assertFalse(high.update(Set.of("server52", "server53"), T0.plusSeconds(1)).quorate());
    }

    @Test
    void lastManStandingLowersExpectedVotesAfterTheWindow() {
        VoteQuorum q = new VoteQuorum(config(FOUR, false, false, true, false));
        q.update(Set.copyOf(FOUR), T0);
        Set<String> three = Set.of("server50", "server51", "server52");
        assertTrue(q.update(three, T0.plusSeconds(1)).quorate());
        assertEquals(T0.plusSeconds(11), q.nextDeadline().orElseThrow());
        QuorumState settled = q.update(three, T0.plusSeconds(11));
        assertEquals(3, settled.expectedVotes());
        // Now two of the three are a majority.
        assertTrue(q.update(Set.of("server50", "server51"), T0.plusSeconds(12)).quorate());
    }

    @Test
    void withoutLastManStandingLosingHalfLosesQuorum() {
        VoteQuorum q = new VoteQuorum(QuorumConfig.majority(FOUR));
        q.update(Set.copyOf(FOUR), T0);
        q.update(Set.of("server50", "server51", "server52"), T0.plusSeconds(1));
        assertFalse(q.update(Set.of("server50", "server51"), T0.plusSeconds(60)).quorate());
    }

    /**
     * Every node of a cluster asks its votequorum at every view, often with the view it asked about last
     * time: asking twice must decide as asking once, whatever came before (last_man_standing's window,
     * wait_for_all, two_node, the tie-breaker).
     */
    @Property(tries = 300)
    void askingAgainWithTheSameViewDecidesAsAskingOnce(
            @ForAll @net.jqwik.api.constraints.Size(min = 1, max = 12) List<@IntRange(min = 0, max = 15) Integer> views,
            @ForAll @net.jqwik.api.constraints.Size(min = 12, max = 12) List<@IntRange(min = 0, max = 15) Integer> gaps,
            @ForAll boolean wfa, @ForAll boolean lms, @ForAll boolean atb) {
        QuorumConfig config = config(FOUR, false, wfa, lms, atb);
        VoteQuorum once = new VoteQuorum(config);
        VoteQuorum twice = new VoteQuorum(config);
        Instant now = T0;
        for (int i = 0; i < views.size(); i++) {
            Set<String> members = new java.util.HashSet<>();
            for (int b = 0; b < FOUR.size(); b++) {
                if ((views.get(i) & (1 << b)) != 0) {
                    members.add(FOUR.get(b));
                }
            }
            now = now.plusSeconds(gaps.get(i));
            QuorumState expected = once.update(members, now);
            twice.update(members, now);
            assertEquals(expected, twice.update(Set.copyOf(members), now));
            assertEquals(once.nextDeadline(), twice.nextDeadline());
        }
    }

    @Property
    void twoDisjointPartitionsAreNeverBothQuorateWithoutLastManStanding(
            @ForAll @IntRange(min = 1, max = 9) int size, @ForAll long split, @ForAll boolean atb,
            @ForAll boolean wfa) {
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < size; i++) {
            names.add("n" + i);
        }
        Set<String> left = new java.util.HashSet<>();
        Set<String> right = new java.util.HashSet<>();
        for (int i = 0; i < size; i++) {
            ((split >> i & 1) == 0 ? left : right).add(names.get(i));
        }
        VoteQuorum a = new VoteQuorum(config(names, false, wfa, false, atb));
        VoteQuorum b = new VoteQuorum(config(names, false, wfa, false, atb));
        a.update(Set.copyOf(names), T0);
        b.update(Set.copyOf(names), T0);
        boolean qa = a.update(left, T0.plusSeconds(1)).quorate();
        boolean qb = b.update(right, T0.plusSeconds(1)).quorate();
        assertFalse(qa && qb, "both halves quorate: " + left + " / " + right);
    }
}
