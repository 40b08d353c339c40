package org.vigil.node;

import org.vigil.cib.Cib;
import org.vigil.cib.CibVersion;
import org.vigil.cib.Lrm;
import org.vigil.controller.ExecReport;
import org.vigil.controller.ExecRequest;

/**
 * What daemons say to each other over the cluster channel. Every message travels as one JSON object
 * ({@link WireCodec}); the sender's node name comes from the channel, not from the message.
 */
sealed interface WireMessage {
    /** DC to a node: run this action. */
    record Exec(ExecRequest request) implements WireMessage {}

    /** A node to the DC: how an action (or a recurring monitor) went. */
    record Report(ExecReport report) implements WireMessage {}

    /** DC to everyone: the cluster's CIB after a change (configuration and status). */
    record CibPush(Cib cib) implements WireMessage {}

    /** A new DC asks for each member's CIB and operation history (the election's "join" round). */
    record Query(long viewId) implements WireMessage {}

    /** A member's reply: its stored CIB (whose configuration may be the newest) and its own history. */
    record Answer(long viewId, Cib cib, Lrm history) implements WireMessage {}

    /** Any node to the DC: commit this CIB, made from the one at {@code basedOn} (from crm over IPC). */
    record Change(long requestId, Cib proposed, CibVersion basedOn) implements WireMessage {}

    /**
     * DC to the asking node. {@code kind} is null on success, else one of the IPC refusal kinds
     * (CONFLICT, NO_QUORUM, REJECTED, ...).
     */
    record ChangeResult(long requestId, String kind, String message, Cib committed) implements WireMessage {}

    /** A node announces its clean shutdown: the DC moves its resources away before it leaves. */
    record Leaving(String node) implements WireMessage {}

    /** Any node to the DC: fence this node (operator request). */
    record FenceAsk(long requestId, String target, String action) implements WireMessage {}

    /** DC to the asking node: how the fencing ended. */
    record FenceDone(long requestId, org.vigil.ipc.FenceOutcome outcome) implements WireMessage {}

    /** DC to everyone: the cluster's fencing history (newest last), after every fencing. */
    record FenceLog(java.util.List<org.vigil.ipc.FenceOutcome> history) implements WireMessage {
        public FenceLog {
            history = java.util.List.copyOf(history);
        }
    }
}
