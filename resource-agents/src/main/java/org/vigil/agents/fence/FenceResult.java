package org.vigil.agents.fence;

import java.util.Objects;
import org.vigil.agents.ExecStatus;

/**
 * The outcome of a fencing operation. Fence agents exit 0 on success; for {@code status} they exit
 * 0 when the target is on, 2 when off and 1 on error (fencing.py's convention).
 */
public record FenceResult(ExecStatus execStatus, int exitCode, PowerState power, String output, String reason) {
    public FenceResult {
        Objects.requireNonNull(execStatus, "execStatus");
        Objects.requireNonNull(power, "power");
        output = output == null ? "" : output;
        reason = reason == null ? "" : reason;
    }

    public boolean succeeded() {
        return execStatus == ExecStatus.DONE && exitCode == 0;
    }

    public static FenceResult done(int exitCode, PowerState power, String output, String reason) {
        return new FenceResult(ExecStatus.DONE, exitCode, power, output, reason);
    }

    public static FenceResult error(String reason) {
        return new FenceResult(ExecStatus.ERROR, 1, PowerState.UNKNOWN, "", reason);
    }
}
