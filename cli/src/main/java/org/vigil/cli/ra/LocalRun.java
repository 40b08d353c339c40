package org.vigil.cli.ra;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.vigil.agents.AgentAction;
import org.vigil.agents.AgentRegistry;
import org.vigil.agents.AgentResult;
import org.vigil.agents.HostEnvironment;
import org.vigil.agents.LocalAgentExecutor;

/** Runs one agent action to completion for a command-line tool. */
public final class LocalRun {
    private LocalRun() {}

    public static AgentResult run(AgentRegistry registry, HostEnvironment host, AgentAction action) {
        try (LocalAgentExecutor executor = new LocalAgentExecutor(registry, host)) {
            CompletableFuture<AgentResult> result = new CompletableFuture<>();
            executor.execute(action, result::complete);
            // the executor's watchdog always reports; the extra minute only guards against a bug there
            return result.get(action.timeout().plus(Duration.ofMinutes(1)).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AgentResult.cancelled();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("agent executor did not report a result for " + action.agent() + " " + action.action().ocfName(), e);
        }
    }
}
