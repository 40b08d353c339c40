package org.vigil.node.core;

import java.util.List;
import org.vigil.agents.AttributeUpdate;
import org.vigil.cib.Cib;
import org.vigil.cib.CibVersion;
import org.vigil.cib.Lrm;
import org.vigil.controller.ExecReport;
import org.vigil.controller.ExecRequest;
import org.vigil.ipc.FenceOutcome;

/**
 * What nodes say to each other. The transport names the sender; messages between two nodes arrive in the
 * order they were sent (JGroups and the simulated network both keep that order). The daemon writes them as
 * JSON ({@code WireCodec}); the simulator hands the objects over as they are.
 */
public sealed interface NodeMessage {
    /**
     * DC to a node: run this action; with a {@code target}, on that remote node, whose connection the receiving
     * node holds (null: on the receiving node itself).
     */
    record Exec(ExecRequest request, String target) implements NodeMessage {
        public Exec(ExecRequest request) {
            this(request, null);
        }
    }

    /** A node to the DC: how an action (or a recurring monitor) went. */
    record Report(ExecReport report) implements NodeMessage {}

    /**
     * DC to a member: its CIB is now {@code cib}. With {@code baseVersion} set it follows the CIB of that
     * version, which the receiver is expected to hold: on the wire it travels as a diff against
     * {@code base} (known to the sender only), and a receiver that does not hold the base gets
     * {@code cib == null} and asks for the whole CIB ({@link CibResync}). Without {@code baseVersion} it is
     * the whole CIB.
     */
    record CibPush(CibVersion baseVersion, Cib base, Cib cib) implements NodeMessage {
        public static CibPush whole(Cib cib) {
            return new CibPush(null, null, cib);
        }

        public static CibPush diff(Cib base, Cib cib) {
            return new CibPush(base.version(), base, cib);
        }

        public boolean isDiff() {
            return baseVersion != null;
        }
    }

    /** A member to the DC: a diff did not fit its copy; send the whole CIB. */
    record CibResync() implements NodeMessage {}

    /** A member to the DC: it holds (and has stored) the CIB of this version. */
    record CibAck(CibVersion version) implements NodeMessage {}

    /** A new DC asks for each member's CIB and operation history (the election's "join" round). */
    record Query(long viewId) implements NodeMessage {}

    /** A member's reply: its CIB (whose configuration may be the newest), its own history, its fencing history. */
    record Answer(long viewId, Cib cib, Lrm history, List<FenceOutcome> fencing) implements NodeMessage {
        public Answer {
            fencing = List.copyOf(fencing);
        }
    }

    /** Any node to the DC: commit this CIB, made from the one at {@code basedOn} (from crm or an operator). */
    record Change(long requestId, Cib proposed, CibVersion basedOn) implements NodeMessage {}

    /**
     * DC to the asking node. {@code kind} is null on success, else one of the IPC refusal kinds
     * (CONFLICT, NO_QUORUM, NO_DC, REJECTED, ...).
     */
    record ChangeResult(long requestId, String kind, String message, Cib committed) implements NodeMessage {}

    /**
     * A node to every member (attrd): {@code node}'s transient attributes. Sent by the node where an update
     * was made (an agent's on that node, an operator's through the DC), and by every node after each new view
     * with its own attributes (attrd's sync, so a rejoining node's attributes reach every writer).
     */
    record Attributes(String node, List<AttributeUpdate> updates, Kind kind) implements NodeMessage {
        /** Why they were sent. */
        public enum Kind {
            /** {@code attrd_updater}, {@code crm_attribute -l reboot}, an agent outside a requested action. */
            UPDATE,
            /** An agent set them in an action the DC asked for: they do not abort the transition awaiting it. */
            ACTION_RESULT,
            /** The sender's own attributes after a new view: values only, running delays are left alone. */
            SYNC
        }

        public Attributes {
            updates = List.copyOf(updates);
        }
    }

    /** A node announces its clean shutdown: the DC moves its resources away before it leaves. */
    record Leaving(String node) implements NodeMessage {}

    /** Any node to the DC: fence this node (operator request). */
    record FenceAsk(long requestId, String target, String action) implements NodeMessage {}

    /** DC to the asking node: how the fencing ended. */
    record FenceDone(long requestId, FenceOutcome outcome) implements NodeMessage {}

    /** A DC that must be fenced asks a peer to do it (a node never runs the agents against itself). */
    record FenceRun(String target, String action, String reason) implements NodeMessage {}

    /** Anyone to the members: the fencing history as the sender holds it (oldest first); receivers merge it. */
    record FenceLog(List<FenceOutcome> history) implements NodeMessage {
        public FenceLog {
            history = List.copyOf(history);
        }
    }
}
