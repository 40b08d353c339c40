package org.vigil.scheduler.node;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vigil.scheduler.resource.PrimitiveRsc;

/** A cluster node as the scheduler sees it: membership state, attributes and the running assignment count. */
public final class SchedNode {
    public final int index;
    public final String id;
    public final String uname;
    public final Map<String, String> attributes = new LinkedHashMap<>();
    public final Map<String, Integer> capacity = new LinkedHashMap<>();
    public boolean online;
    public boolean unclean;
    public boolean unseen;
    public boolean standby;
    public boolean pending;
    public boolean shutdown;
    public boolean maintenance;
    public boolean expectedUp;
    public String fenceReason;
    /** A full member, a Pacemaker Remote node, or a guest node (a resource that is itself a node). */
    public NodeKind kind = NodeKind.CLUSTER;
    /** The connection resource that makes a remote or guest node (null for cluster nodes, or dangling). */
    public PrimitiveRsc connection;
    /** A remote node whose connection failed, or a guest whose container must be recovered. */
    public boolean remoteRequiresReset;
    /** The status records the remote node as fenced since its connection was last up. */
    public boolean remoteWasFenced;
    /** Its operation history has been read (remote nodes wait until their connection is known). */
    public boolean historyUnpacked;
    /** A bundle replica's guest node: nothing but that replica's instance may run there (weight -INFINITY). */
    public boolean bundleReplica;
    /** Resources assigned so far: Pacemaker balances on it when scores tie. */
    public int assignedCount;
    public final Map<String, Integer> utilizationUsed = new LinkedHashMap<>();

    SchedNode(int index, String id, String uname) {
        this.index = index;
        this.id = id;
        this.uname = uname;
    }

    /** Pacemaker's can_run_resources(). */
    public boolean canRunResources() {
        return online && !shutdown && !unclean && !standby && !maintenance;
    }

    public boolean isRemote() {
        return kind != NodeKind.CLUSTER;
    }

    public boolean isGuest() {
        return kind == NodeKind.GUEST;
    }

    public void fence(String reason) {
        if (!unclean) {
            fenceReason = reason;
        }
        unclean = true;
    }

    public String attribute(String name) {
        return attributes.get(name);
    }

    @Override
    public String toString() {
        return uname;
    }
}
