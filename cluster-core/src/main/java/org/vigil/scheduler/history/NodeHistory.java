package org.vigil.scheduler.history;

import java.util.List;
import org.vigil.cib.LrmRscOp;
import org.vigil.scheduler.Role;
import org.vigil.scheduler.node.SchedNode;

/** What the operation history says about one primitive on one node. */
public final class NodeHistory {
    public final SchedNode node;
    public Role role = Role.STOPPED;
    public boolean failed;
    boolean probed;
    /** Pending operation (op-status -1), e.g. a start still in flight. */
    public String pendingTask;
    /** A start still in flight, with the parameters it was asked to run with. */
    LrmRscOp pendingStart;
    LrmRscOp lastFailure;
    /** Successful migrate_to from this node to {@code migrateTarget}, not yet completed. */
    String migrateTarget;
    /** Successful migrate_from on this node coming from {@code migrateSource}. */
    String migrateSource;
    boolean migrateToFailed;
    /** The operations recorded here, in call order (for comparing migrations across nodes). */
    List<LrmRscOp> ops = List.of();
    /** The history names another agent (class, provider or type) than the configuration does now. */
    public boolean agentChanged;
    boolean migrateFromFailed;
    /** Empty and shared until the first one: most histories have none, and a large cluster has thousands. */
    public List<LrmRscOp> activeRecurring = List.of();
    LrmRscOp lastStartOrStop;
    /**
     * The successful start, migrate_from, promote and probes that found it running since the resource last
     * started here: their digests tell which parameters it runs with. Empty and shared until the first.
     */
    List<LrmRscOp> definitionOps = List.of();

    void ranWithParameters(LrmRscOp op, boolean started) {
        if (started || definitionOps.isEmpty()) {
            definitionOps = new java.util.ArrayList<>(2);
        }
        definitionOps.add(op);
    }

    NodeHistory(SchedNode node) {
        this.node = node;
    }
}
