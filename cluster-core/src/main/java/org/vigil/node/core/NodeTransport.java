package org.vigil.node.core;

/**
 * Carries {@link NodeMessage}s between the nodes of a partition; incoming ones go to
 * {@link NodeProgram#received}. The daemon binds it to JGroups, the simulator to its simulated network.
 */
public interface NodeTransport {
    /** Sends to one member; false when it cannot (not a member, not reachable). */
    boolean send(String node, NodeMessage message);
}
