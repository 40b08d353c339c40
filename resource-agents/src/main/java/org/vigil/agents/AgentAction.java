package org.vigil.agents;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One action to run: which agent, on which resource instance, with which instance parameters
 * ({@code OCF_RESKEY_*}), meta attributes ({@code OCF_RESKEY_CRM_meta_*}, without the prefix, e.g.
 * {@code notify_type}, {@code clone_max}), monitor depth and timeout.
 */
public record AgentAction(
        AgentId agent,
        String resourceInstance,
        ActionName action,
        Map<String, String> params,
        Map<String, String> meta,
        int depth,
        Duration timeout) {

    public AgentAction {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(resourceInstance, "resourceInstance");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        params = Map.copyOf(params);
        meta = Map.copyOf(meta);
    }

    public static AgentAction of(AgentId agent, String resourceInstance, ActionName action, Map<String, String> params, Duration timeout) {
        return new AgentAction(agent, resourceInstance, action, params, Map.of(), 0, timeout);
    }

    public AgentAction withMeta(Map<String, String> newMeta) {
        return new AgentAction(agent, resourceInstance, action, params, newMeta, depth, timeout);
    }

    public AgentAction withDepth(int newDepth) {
        return new AgentAction(agent, resourceInstance, action, params, meta, newDepth, timeout);
    }

    public AgentAction withAction(ActionName newAction) {
        return new AgentAction(agent, resourceInstance, newAction, params, meta, depth, timeout);
    }
}
