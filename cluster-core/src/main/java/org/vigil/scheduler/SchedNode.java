package org.vigil.scheduler;

import java.util.LinkedHashMap;
import java.util.Map;

/** A cluster node as the scheduler sees it: membership state, attributes and the running assignment count. */
final class SchedNode {
    final int index;
    final String id;
    final String uname;
    final Map<String, String> attributes = new LinkedHashMap<>();
    final Map<String, Integer> capacity = new LinkedHashMap<>();
    boolean online;
    boolean unclean;
    boolean unseen;
    boolean standby;
    boolean pending;
    boolean shutdown;
    boolean maintenance;
    boolean expectedUp;
    String fenceReason;
    /** A full member, a Pacemaker Remote node, or a guest node (a resource that is itself a node). */
    NodeKind kind = NodeKind.CLUSTER;
    /** The connection resource that makes a remote or guest node (null for cluster nodes, or dangling). */
    PrimitiveRsc connection;
    /** A remote node whose connection failed, or a guest whose container must be recovered. */
    boolean remoteRequiresReset;
    /** The status records the remote node as fenced since its connection was last up. */
    boolean remoteWasFenced;
    /** Its operation history has been read (remote nodes wait until their connection is known). */
    boolean historyUnpacked;
    /** A bundle replica's guest node: nothing but that replica's instance may run there (weight -INFINITY). */
    boolean bundleReplica;
    /** Resources assigned so far: Pacemaker balances on it when scores tie. */
    int assignedCount;
    final Map<String, Integer> utilizationUsed = new LinkedHashMap<>();

    SchedNode(int index, String id, String uname) {
        this.index = index;
        this.id = id;
        this.uname = uname;
    }

    /** Pacemaker's can_run_resources(). */
    boolean canRunResources() {
        return online && !shutdown && !unclean && !standby && !maintenance;
    }

    boolean isRemote() {
        return kind != NodeKind.CLUSTER;
    }

    boolean isGuest() {
        return kind == NodeKind.GUEST;
    }

    void fence(String reason) {
        if (!unclean) {
            fenceReason = reason;
        }
        unclean = true;
    }

    String attribute(String name) {
        return attributes.get(name);
    }

    @Override
    public String toString() {
        return uname;
    }
}
