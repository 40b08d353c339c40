package org.vigil.scheduler;

import java.util.ArrayList;
import java.util.List;
import org.vigil.scheduler.node.SchedNode;
import org.vigil.scheduler.resource.Rsc;

/**
 * One scheduled action. {@code optional} actions are only carried out if something requires them;
 * {@code runnable} is false when a prerequisite can never happen. Pseudo actions mark points in the graph
 * (a group has started, a node has been fenced) and are executed by nobody.
 */
public final class Action {
    final int seq;
    public final Rsc rsc;
    public final String task;
    public final SchedNode node;
    public final long intervalMs;
    public boolean optional;
    public boolean runnable = true;
    public boolean pseudo;
    /** Stop/demote implied by fencing the node they were on. */
    public boolean impliedByFencing;
    /** The pseudo start of a live migration. */
    public boolean migrating;
    public String reason;
    /** For "one or more" pseudo actions: how many ONE_OR_MORE predecessors must be runnable. */
    public int requiredRunnable;
    public String fenceKind;
    /** Pacemaker's key when it is not RSC_TASK_INTERVAL (a clone notification: RSC_pre_notify_start_0). */
    String opKey;
    /** What the agent is told besides the resource's own meta attributes (a notification's lists). */
    public java.util.Map<String, String> meta = java.util.Map.of();
    /** For a guest node's pseudo fencing: the container whose recovery fences it. */
    public String guestContainer;
    public final List<Edge> before = new ArrayList<>();
    public final List<Edge> after = new ArrayList<>();

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
    public String describe() {
        if (fenceKind != null) {
            return "stonith"; // Pacemaker's task of every fencing, whatever the node
        }
        return rsc == null ? task : rsc.id + " " + task;
    }

    public boolean isCollectivePseudo() {
        return rsc != null && rsc.isCollective();
    }

    @Override
    public String toString() {
        return key() + (node == null ? "" : " " + node.uname);
    }
}
