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

    /**
     * The agent's parameters that force a restart when they change, once this executor has read its
     * meta-data for an action it ran (Pacemaker's controller caches the same): the executor's history records
     * them and their digest, so the scheduler can reload instead of restarting when only the others changed.
     * Empty when unknown or when the agent cannot reload.
     */
    default java.util.Optional<java.util.List<String>> restartParameters(AgentId agent) {
        return java.util.Optional.empty();
    }

    /**
     * This executor with its results handed to {@code deliver} (a node's event loop) instead of being
     * reported from the thread that ran the action; what it knows of its agents stays the same.
     */
    default AgentExecutor reportingThrough(java.util.concurrent.Executor deliver) {
        AgentExecutor self = this;
        return new AgentExecutor() {
            @Override
            public ActionHandle execute(AgentAction action, Consumer<AgentResult> onDone) {
                return self.execute(action, r -> deliver.execute(() -> onDone.accept(r)));
            }

            @Override
            public java.util.Optional<java.util.List<String>> restartParameters(AgentId agent) {
                return self.restartParameters(agent);
            }
        };
    }
}
