package org.vigil.fencing;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One fencing operation as the history shows it (Pacemaker's {@code stonith_history}).
 *
 * @param id          increasing per daemon, so a pending entry and its completion can be matched
 * @param action      what was requested: reboot, off or on
 * @param devices     the devices that ran for it, in order (for a confirmed fence: the level that did it)
 * @param origin      the node that asked (the DC for the controller's requests, the operator's node for manual ones)
 * @param client      who asked: {@code controller} or {@code crm} (an operator)
 * @param executioner the node that ran the agents (always the DC in Vigil)
 * @param completedAt empty while pending
 * @param reason      why it failed; empty unless {@link FenceState#FAILED}
 */
public record FenceEvent(long id, String target, String action, FenceState state, List<String> devices, String origin,
        String client, String executioner, Instant requestedAt, Optional<Instant> completedAt, String reason) {
    public FenceEvent {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(state, "state");
        devices = List.copyOf(devices);
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(completedAt, "completedAt");
        reason = reason == null ? "" : reason;
    }

    public boolean succeeded() {
        return state == FenceState.DONE;
    }

    FenceEvent completed(boolean ok, List<String> usedDevices, Instant at, String why) {
        return new FenceEvent(id, target, action, ok ? FenceState.DONE : FenceState.FAILED, usedDevices, origin, client,
                executioner, requestedAt, Optional.of(at), ok ? "" : why);
    }

    /** A line such as Pacemaker prints under "Fencing History". */
    public String summary() {
        String when = completedAt.map(t -> ", completed='" + t + "'").orElse(", requested='" + requestedAt + "'");
        String outcome = switch (state) {
            case PENDING -> "pending";
            case DONE -> "successful";
            case FAILED -> "failed";
        };
        return action + " of " + target + " " + outcome + ": delegate=" + executioner + ", client=" + client + ", origin=" + origin
                + (devices.isEmpty() ? "" : ", devices=" + String.join(",", devices)) + when
                + (reason.isEmpty() ? "" : " (" + reason + ")");
    }
}
