package org.vigil.scheduler;

import java.util.ArrayList;
import java.util.List;

/**
 * One scheduled action. {@code optional} actions are only carried out if something requires them;
 * {@code runnable} is false when a prerequisite can never happen. Pseudo actions mark points in the graph
 * (a group has started, a node has been fenced) and are executed by nobody.
 */
final class Action {
    final int seq;
    final Rsc rsc;
    final String task;
    final SchedNode node;
    final long intervalMs;
    boolean optional;
    boolean runnable = true;
    boolean pseudo;
    /** Stop/demote implied by fencing the node they were on. */
    boolean impliedByFencing;
    /** The pseudo start of a live migration. */
    boolean migrating;
    String reason;
    /** For "one or more" pseudo actions: how many ONE_OR_MORE predecessors must be runnable. */
    int requiredRunnable;
    String fenceKind;
    /** Pacemaker's key when it is not RSC_TASK_INTERVAL (a clone notification: RSC_pre_notify_start_0). */
    String opKey;
    /** What the agent is told besides the resource's own meta attributes (a notification's lists). */
    java.util.Map<String, String> meta = java.util.Map.of();
    /** For a guest node's pseudo fencing: the container whose recovery fences it. */
    String guestContainer;
    final List<Edge> before = new ArrayList<>();
    final List<Edge> after = new ArrayList<>();

    Action(int seq, Rsc rsc, String task, SchedNode node, long intervalMs, boolean optional) {
        this.seq = seq;
        this.rsc = rsc;
        this.task = task;
        this.node = node;
        this.intervalMs = intervalMs;
        this.optional = optional;
    }

    /** Pacemaker's operation key: RSC_TASK_INTERVAL. */
    String key() {
        if (rsc == null) {
            return task;
        }
        if (opKey != null) {
            return opKey;
        }
        return rsc.id + "_" + task + "_" + intervalMs;
    }

    /** As Pacemaker words causes in summaries: "rsc task" or the pseudo action's name. */
    String describe() {
        if (fenceKind != null) {
            return "stonith"; // Pacemaker's task of every fencing, whatever the node
        }
        return rsc == null ? task : rsc.id + " " + task;
    }

    boolean isCollectivePseudo() {
        return rsc != null && !(rsc instanceof PrimitiveRsc);
    }

    @Override
    public String toString() {
        return key() + (node == null ? "" : " " + node.uname);
    }
}
