package org.vigil.agents.fence;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.vigil.agents.AgentId;

/** One fencing operation: the device's agent and parameters, the action and (for power actions) the target plug. */
public record FenceRequest(AgentId agent, FenceAction action, Optional<String> target, Map<String, String> params, Duration timeout) {
    public FenceRequest {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        params = Map.copyOf(new TreeMap<>(params));
        Objects.requireNonNull(timeout, "timeout");
        if (action.needsTarget() && target.isEmpty() && !params.containsKey("port") && !params.containsKey("plug")) {
            throw new IllegalArgumentException(action.agentName() + " needs a target node (port/plug)");
        }
    }
}
