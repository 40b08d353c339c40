package org.vigil.node;

import java.util.ArrayList;
import java.util.List;
import org.vigil.membership.QuorumConfig;
import org.vigil.node.config.ClusterConfig;
import org.vigil.node.config.ClusterNode;
import org.vigil.node.config.LinkConfig;

/** What {@code vigild --check-config} prints about an understood configuration. */
final class ConfigSummary {
    private ConfigSummary() {}

    static List<String> lines(ClusterConfig c) {
        List<String> out = new ArrayList<>();
        out.add("cluster: " + c.clusterName() + " (" + c.nodes().size() + " nodes, " + c.links().size()
                + (c.links().size() == 1 ? " ring" : " redundant rings: every frame goes over each") + ")");
        for (LinkConfig l : c.links()) {
            out.add("ring " + l.number() + ": TCP port " + l.port()
                    + ", each node binds its ring" + l.number() + "_addr"
                    + (l.bindNetAddr() == null ? "" : " (bindnetaddr " + l.bindNetAddr() + " is not needed)"));
        }
        for (ClusterNode n : c.nodes()) {
            out.add("node " + n.name() + ": nodeid " + n.nodeId() + ", " + n.votes() + (n.votes() == 1 ? " vote" : " votes")
                    + ", addresses " + String.join(" ", n.addresses()));
        }
        QuorumConfig q = c.quorum();
        int expected = q.configuredExpectedVotes();
        List<String> flags = new ArrayList<>();
        if (q.twoNode()) {
            flags.add("two_node");
        }
        if (q.effectiveWaitForAll()) {
            flags.add("wait_for_all");
        }
        if (q.lastManStanding()) {
            flags.add("last_man_standing (window " + q.lastManStandingWindow().toMillis() + " ms)");
        }
        if (q.autoTieBreaker()) {
            flags.add("auto_tie_breaker (" + String.join(" ", q.tieBreaker()) + ")");
        }
        String quorum = q.twoNode() && expected == 2 ? "1 (two_node)" : Integer.toString(expected / 2 + 1);
        out.add("quorum: votequorum, expected votes " + expected + ", quorum " + quorum
                + (flags.isEmpty() ? "" : ", " + String.join(", ", flags)));
        out.add("security: " + (c.authenticated() ? "cluster key " + c.keyFile() + " (mutual TLS 1.3 between nodes; failure-detection pings are not encrypted)"
                : "none: traffic is neither authenticated nor encrypted (enable crypto_cipher/secauth)"));
        out.add("logging: " + (c.logging().toStderr() ? "stderr" : "no stderr")
                + (c.logging().logFile() == null ? "" : ", file " + c.logging().logFile())
                + (c.logging().debug() ? ", debug" : ""));
        return out;
    }
}
