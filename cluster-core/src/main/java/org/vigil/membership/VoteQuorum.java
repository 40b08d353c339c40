package org.vigil.membership;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * votequorum's decision for one node, as a deterministic state machine: feed it every membership view
 * (and call it again at {@link #nextDeadline()} for last_man_standing); it never reads a clock itself.
 */
public final class VoteQuorum {
    private final QuorumConfig config;
    private final Map<String, QuorumConfig.NodeVotes> nodes;
    private int expectedVotes;
    private boolean seenAllAtOnce;
    private boolean everQuorate;
    private Set<String> lastMembers = Set.of();
    private Instant lmsDeadline;
    private boolean decidedOnce;
    private QuorumState state;
    private final int configuredExpectedVotes;

    public VoteQuorum(QuorumConfig config) {
        this.config = config;
        this.nodes = config.byName();
        this.configuredExpectedVotes = config.configuredExpectedVotes();
        this.expectedVotes = configuredExpectedVotes;
        this.state = new QuorumState(false, expectedVotes, 0, quorumFor(expectedVotes), Set.of(), "no view yet");
    }

    public QuorumState state() {
        return state;
    }

    /** When last_man_standing wants to be asked again, if it is waiting for the membership to settle. */
    public Optional<Instant> nextDeadline() {
        return Optional.ofNullable(lmsDeadline);
    }

    /** A new membership view (or the same one again at the deadline). */
    public QuorumState update(Set<String> members, Instant now) {
        Set<String> known = new HashSet<>();
        for (String m : members) {
            if (nodes.containsKey(m)) {
                known.add(m);
            }
        }
        int votes = 0;
        for (String m : known) {
            votes += nodes.get(m).votes();
        }
        if (votes >= configuredExpectedVotes) {
            seenAllAtOnce = true;
        }
        // Nodes coming back raise expected votes again; last_man_standing only ever lowers it after a wait.
        if (votes > expectedVotes) {
            expectedVotes = votes;
        }
        if (!known.equals(lastMembers)) {
            boolean someoneLeft = !known.containsAll(lastMembers);
            lastMembers = Set.copyOf(known);
            lmsDeadline = config.lastManStanding() && someoneLeft && state.quorate()
                    ? now.plus(config.lastManStandingWindow()) : null;
        } else if (lmsDeadline != null && !now.isBefore(lmsDeadline)) {
            int floor = config.autoTieBreaker() ? 1 : 2;
            expectedVotes = Math.max(Math.min(expectedVotes, Math.max(votes, floor)), 1);
            lmsDeadline = null;
        }
        if (!sameDecisionInputs(known, votes)) {
            // every node of a large cluster is asked at every view: the same inputs give the same decision
            state = decide(known, votes, now);
        }
        if (state.quorate()) {
            everQuorate = true;
        }
        return state;
    }

    /**
     * Whether {@link #decide} would decide as it did last time. It reads the members, their votes and the
     * expected votes, which the state records, and whether all were seen or quorum was had before: with
     * the same members and votes those cannot have changed in a way that matters (all were seen at that
     * decision already, or not; quorum had since means that decision was quorate, which it stays).
     */
    private boolean sameDecisionInputs(Set<String> members, int votes) {
        return decidedOnce && state.totalVotes() == votes && state.expectedVotes() == expectedVotes
                && state.members().equals(members);
    }

    private QuorumState decide(Set<String> members, int votes, Instant now) {
        decidedOnce = true;
        int quorum = quorumFor(expectedVotes);
        if (config.effectiveWaitForAll() && !seenAllAtOnce && !everQuorate) {
            return new QuorumState(false, expectedVotes, votes, quorum, members,
                    "wait_for_all: every node must have been seen at once before the first quorum");
        }
        if (config.twoNode() && expectedVotes == 2 && votes >= 1) {
            return new QuorumState(true, expectedVotes, votes, 1, members, "two_node: one of two votes is enough");
        }
        if (votes >= quorum) {
            return new QuorumState(true, expectedVotes, votes, quorum, members,
                    votes + " of " + expectedVotes + " votes present, " + quorum + " needed");
        }
        if (config.autoTieBreaker() && votes * 2 == expectedVotes && holdsTieBreaker(members)) {
            return new QuorumState(true, expectedVotes, votes, quorum, members,
                    "auto_tie_breaker: exactly half the votes, including the tie-breaker node");
        }
        return new QuorumState(false, expectedVotes, votes, quorum, members,
                votes + " of " + expectedVotes + " votes present, " + quorum + " needed");
    }

    private boolean holdsTieBreaker(Set<String> members) {
        String mode = config.tieBreaker().get(0);
        if (mode.equals("lowest") || mode.equals("highest")) {
            QuorumConfig.NodeVotes pick = null;
            for (QuorumConfig.NodeVotes n : config.nodes()) {
                if (pick == null || (mode.equals("lowest") ? n.nodeId() < pick.nodeId() : n.nodeId() > pick.nodeId())) {
                    pick = n;
                }
            }
            return pick != null && members.contains(pick.name());
        }
        // A list of nodeids: the first one listed that is still configured decides.
        for (String id : config.tieBreaker()) {
            for (QuorumConfig.NodeVotes n : config.nodes()) {
                if (Integer.toString(n.nodeId()).equals(id.trim())) {
                    return members.contains(n.name());
                }
            }
        }
        return false;
    }

    private static int quorumFor(int expected) {
        return expected / 2 + 1;
    }
}
