package org.vigil.agents.fence;

import java.util.function.Consumer;
import org.vigil.agents.ActionHandle;

/**
 * Runs fencing operations asynchronously, like {@link org.vigil.agents.AgentExecutor} for
 * resource actions, so the fencer can be driven by a simulator's event loop too.
 */
public interface FenceExecutor {
    ActionHandle fence(FenceRequest request, Consumer<FenceResult> onDone);
}
