package org.vigil.membership;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Corosync votequorum settings.
 *
 * @param nodes                 every configured node with its nodeid and votes (nodelist order)
 * @param expectedVotes         0 = the sum of the nodes' votes
 * @param twoNode               two_node: a two-node cluster stays quorate with one node (implies wait_for_all)
 * @param waitForAll            wait_for_all: not quorate at first until every node has been seen at once
 * @param lastManStanding       last_man_standing: after a stable window, lower expected votes to who is left
 * @param lastManStandingWindow last_man_standing_window (corosync default 10 s)
 * @param autoTieBreaker        auto_tie_breaker: in an even split, the half holding the tie-breaker node wins
 * @param tieBreaker            auto_tie_breaker_node: "lowest", "highest" or nodeids in order of preference
 */
public record QuorumConfig(
        List<NodeVotes> nodes,
        int expectedVotes,
        boolean twoNode,
        boolean waitForAll,
        boolean lastManStanding,
        Duration lastManStandingWindow,
        boolean autoTieBreaker,
        List<String> tieBreaker) {
    public QuorumConfig {
        nodes = List.copyOf(nodes);
        tieBreaker = tieBreaker == null || tieBreaker.isEmpty() ? List.of("lowest") : List.copyOf(tieBreaker);
        lastManStandingWindow = lastManStandingWindow == null ? Duration.ofSeconds(10) : lastManStandingWindow;
        if (expectedVotes < 0) {
            throw new IllegalArgumentException("expected_votes must not be negative");
        }
    }

    /** One configured node. */
    public record NodeVotes(String name, int nodeId, int votes) {}

    /** Plain majority quorum over the given nodes, one vote each, ids in list order from 1. */
    public static QuorumConfig majority(List<String> names) {
        List<NodeVotes> nodes = new java.util.ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            nodes.add(new NodeVotes(names.get(i), i + 1, 1));
        }
        return new QuorumConfig(nodes, 0, false, false, false, null, false, null);
    }

    public int configuredExpectedVotes() {
        return expectedVotes > 0 ? expectedVotes : nodes.stream().mapToInt(NodeVotes::votes).sum();
    }

    /** two_node turns wait_for_all on unless it was set explicitly; callers pass the explicit value. */
    public boolean effectiveWaitForAll() {
        return waitForAll || twoNode;
    }

    Map<String, NodeVotes> byName() {
        Map<String, NodeVotes> m = new LinkedHashMap<>();
        nodes.forEach(n -> m.put(n.name(), n));
        return m;
    }
}
