package org.vigil.ipc;

import java.time.Instant;
import java.util.Objects;

/**
 * One fencing action, as the answer to a fence request and as an entry of the fencing history.
 *
 * @param target      the node fenced
 * @param action      {@code reboot} or {@code off}
 * @param status      done, failed or still pending
 * @param device      the fencing device that did it (or tried last); null when none was tried yet
 * @param origin      the node that asked for it (the DC for scheduler-initiated fencing)
 * @param completedAt when it finished; null while pending
 * @param reason      why it was requested, or why it failed; may be empty
 */
public record FenceOutcome(String target, String action, Status status, String device, String origin,
        Instant completedAt, String reason) {
    public enum Status { DONE, FAILED, PENDING }

    public FenceOutcome {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(status, "status");
        reason = reason == null ? "" : reason;
    }

    public boolean succeeded() {
        return status == Status.DONE;
    }

    /** This record as the IPC protocol writes it (the daemons reuse it between themselves). */
    public com.fasterxml.jackson.databind.node.ObjectNode toJson() {
        return Protocol.fence(this);
    }

    /** Reads what {@link #toJson()} wrote; a malformed record is a {@link ServiceException} (PROTOCOL). */
    public static FenceOutcome fromJson(com.fasterxml.jackson.databind.JsonNode n) throws ServiceException {
        return Protocol.fence(n);
    }
}
