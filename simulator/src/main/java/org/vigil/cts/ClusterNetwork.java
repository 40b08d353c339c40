package org.vigil.cts;

import java.util.List;

/**
 * Where the pretend machines' two rings live and how the suite cuts them: in network namespaces of its own
 * ({@link NamespaceNetwork}), or on 127.0.0.0/8 of this host when namespaces cannot be made
 * ({@link LoopbackNetwork}). At most one cut is in place at a time; a new one replaces the old.
 */
sealed interface ClusterNetwork permits NamespaceNetwork, LoopbackNetwork {
    /** One line for the suite's output: what the network is. */
    String describe();

    /** The command words that run a program on this node's network (e.g. {@code ip netns exec NS}). */
    List<String> launchPrefix(String node);

    /** The node's address on ring 0 or 1. */
    String address(String node, int ring);

    /** The TCP port every node listens on for this ring (corosync.conf's mcastport). */
    int port(int ring);

    /** Whether partitions and ring losses can be made (nftables works); why not, when they cannot. */
    String cutsUnavailable();

    /** Cuts every link (both rings) between this node and all others. */
    void isolate(String node) throws CtsException;

    /** Cuts this node's links on one ring only. */
    void cutRing(String node, int ring) throws CtsException;

    /** Removes the cut in place, if any. */
    void heal() throws CtsException;

    /** Removes everything the network made; never fails (cleanup on exit). */
    void close();

    /** Drop rules for nft: traffic of this node to and from the given peer addresses. */
    static String dropTable(String table, List<String> peers, boolean bothDirectionsOnOutput, List<String> own) {
        String set = "{ " + String.join(", ", peers) + " }";
        StringBuilder sb = new StringBuilder("table inet ").append(table).append(" {\n");
        if (bothDirectionsOnOutput) {
            // one namespace for every node (loopback): a packet leaves and arrives on the same host
            String mine = "{ " + String.join(", ", own) + " }";
            sb.append("  chain out { type filter hook output priority 0; policy accept;\n")
                    .append("    ip saddr ").append(mine).append(" ip daddr ").append(set).append(" drop\n")
                    .append("    ip saddr ").append(set).append(" ip daddr ").append(mine).append(" drop\n  }\n");
        } else {
            sb.append("  chain in { type filter hook input priority 0; policy accept; ip saddr ").append(set)
                    .append(" drop; }\n")
                    .append("  chain out { type filter hook output priority 0; policy accept; ip daddr ").append(set)
                    .append(" drop; }\n");
        }
        return sb.append("}\n").toString();
    }
}
