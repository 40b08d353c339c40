package org.vigil.agents.fence;

import org.vigil.agents.AgentId;
import org.vigil.agents.AgentMetadata;
import org.vigil.agents.HostEnvironment;

/**
 * A native fence agent ({@code stonith:} class), found by {@link java.util.ServiceLoader}.
 * Blocking; runs on a worker thread with the request's timeout enforced by the caller.
 */
public interface FenceAgent {
    AgentId id();

    AgentMetadata metadata();

    FenceResult execute(FenceRequest request, HostEnvironment host) throws InterruptedException;
}
