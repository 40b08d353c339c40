package org.vigil.fencing;

import java.util.function.Consumer;
import org.vigil.agents.fence.FenceExecutor;
import org.vigil.agents.fence.FenceRequest;
import org.vigil.agents.fence.FenceResult;
import org.vigil.world.Cancellable;

/**
 * Runs one fence-agent action off the caller's thread and reports its result once, on any thread
 * (the daemon moves it onto its event thread). Production wraps the node's {@link FenceExecutor};
 * tests and the simulator supply their own.
 */
@FunctionalInterface
public interface FenceAgentRunner {
    /** Starts the action; cancelling asks the agent to stop (its result then no longer matters). */
    Cancellable run(FenceRequest request, Consumer<FenceResult> done);

    /** Agents run by an executor that already works on its own threads, e.g. {@code LocalAgentExecutor}. */
    static FenceAgentRunner using(FenceExecutor executor) {
        return (request, done) -> {
            var handle = executor.fence(request, done);
            return handle::cancel;
        };
    }
}
