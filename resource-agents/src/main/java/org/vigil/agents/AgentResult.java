package org.vigil.agents;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one agent action: how execution ended, the OCF code, the agent's exit reason and
 * its (bounded) output, plus node attribute updates the agent asks for (promotion scores), which
 * the node applies rather than the agent, so simulated agents can report them too.
 */
public record AgentResult(
        ExecStatus execStatus,
        OcfStatus status,
        int exitCode,
        String exitReason,
        String output,
        List<AttributeUpdate> attributeUpdates) {

    public AgentResult {
        Objects.requireNonNull(execStatus, "execStatus");
        Objects.requireNonNull(status, "status");
        exitReason = exitReason == null ? "" : exitReason;
        output = output == null ? "" : output;
        attributeUpdates = List.copyOf(attributeUpdates);
    }

    /** The plain result of each status, made once: results are immutable, and agents return these most. */
    private static final java.util.Map<OcfStatus, AgentResult> PLAIN = plainResults();

    private static java.util.Map<OcfStatus, AgentResult> plainResults() {
        java.util.EnumMap<OcfStatus, AgentResult> plain = new java.util.EnumMap<>(OcfStatus.class);
        for (OcfStatus s : OcfStatus.values()) {
            plain.put(s, new AgentResult(ExecStatus.DONE, s, s.code(), "", "", List.of()));
        }
        return java.util.Collections.unmodifiableMap(plain);
    }

    public static AgentResult of(OcfStatus status) {
        return PLAIN.get(Objects.requireNonNull(status, "status"));
    }

    public static AgentResult of(OcfStatus status, String exitReason) {
        return new AgentResult(ExecStatus.DONE, status, status.code(), exitReason, "", List.of());
    }

    public static AgentResult success() {
        return of(OcfStatus.SUCCESS);
    }

    public static AgentResult notRunning() {
        return of(OcfStatus.NOT_RUNNING);
    }

    public static AgentResult timedOut(String reason, String output) {
        return new AgentResult(ExecStatus.TIMED_OUT, OcfStatus.ERR_GENERIC, OcfStatus.ERR_GENERIC.code(), reason, output, List.of());
    }

    public static AgentResult cancelled() {
        return new AgentResult(ExecStatus.CANCELLED, OcfStatus.ERR_GENERIC, OcfStatus.ERR_GENERIC.code(), "cancelled", "", List.of());
    }

    public static AgentResult execError(OcfStatus status, String reason) {
        return new AgentResult(ExecStatus.ERROR, status, status.code(), reason, "", List.of());
    }

    public AgentResult withOutput(String newOutput) {
        return new AgentResult(execStatus, status, exitCode, exitReason, newOutput, attributeUpdates);
    }

    public AgentResult withAttributeUpdates(List<AttributeUpdate> updates) {
        return new AgentResult(execStatus, status, exitCode, exitReason, output, updates);
    }

    /** True when the action completed with the code the caller expected. */
    public boolean is(OcfStatus expected) {
        return execStatus == ExecStatus.DONE && status == expected;
    }

    /** The process-style exit code a CLI should return: the OCF code, or 1 for timeouts and cancellations. */
    public int cliExitCode() {
        return execStatus == ExecStatus.DONE || execStatus == ExecStatus.ERROR ? status.code() : OcfStatus.ERR_GENERIC.code();
    }
}
