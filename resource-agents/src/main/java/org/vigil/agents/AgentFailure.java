package org.vigil.agents;

/**
 * Thrown by native agent code to end the action with an OCF code and exit reason, so helpers deep
 * in an agent (parameter parsing, tool lookup) can fail the action without threading results back.
 */
public class AgentFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final OcfStatus status;

    public AgentFailure(OcfStatus status, String reason) {
        super(reason);
        this.status = status;
    }

    public OcfStatus status() {
        return status;
    }

    public static AgentFailure configured(String reason) {
        return new AgentFailure(OcfStatus.ERR_CONFIGURED, reason);
    }

    public static AgentFailure installed(String reason) {
        return new AgentFailure(OcfStatus.ERR_INSTALLED, reason);
    }

    public static AgentFailure generic(String reason) {
        return new AgentFailure(OcfStatus.ERR_GENERIC, reason);
    }
}
