package org.vigil.cts;

import java.util.Arrays;
import java.util.Optional;

/** The faults the suite injects, with their names on the command line and in the report, and their weights. */
enum FaultKind {
    KILL_DC("kill-dc", 3, true),
    KILL_NODE("kill-node", 3, true),
    HANG("hang", 2, true),
    PARTITION_DC("partition-dc", 2, true),
    PARTITION_NODE("partition-node", 2, true),
    RING_LOSS("ring-loss", 2, false),
    AGENT_FAILURE("agent-failure", 3, false),
    SIGTERM("sigterm", 2, true),
    REJOIN("rejoin", 8, false),
    COMMIT("commit", 3, false),
    STANDBY("standby", 2, false);

    final String label;
    final int weight;
    /** The fault may leave its node down (killed, fenced or stopped): allowed only while quorum survives that. */
    final boolean takesNodeDown;

    FaultKind(String label, int weight, boolean takesNodeDown) {
        this.label = label;
        this.weight = weight;
        this.takesNodeDown = takesNodeDown;
    }

    static Optional<FaultKind> byLabel(String label) {
        return Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst();
    }

    boolean needsCuts() {
        return this == PARTITION_DC || this == PARTITION_NODE || this == RING_LOSS;
    }
}
