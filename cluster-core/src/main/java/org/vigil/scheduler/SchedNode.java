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
