package org.vigil.agents;

import java.util.function.Consumer;

/**
 * Runs agent actions asynchronously (DESIGN.md §3). The production implementation runs real agents
 * on threads and processes; a simulator implements this on its single-threaded event loop with
 * virtual time, calling {@code onDone} from its own loop. {@code onDone} is called exactly once per
 * action, with a timed-out or cancelled result when applicable, and never synchronously from
 * {@link #execute} in the production implementation.
 */
public interface AgentExecutor {
    ActionHandle execute(AgentAction action, Consumer<AgentResult> onDone);
}
