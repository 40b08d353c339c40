package org.vigil.fencing;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.vigil.agents.AgentId;
import org.vigil.agents.AgentMetadata;
import org.vigil.agents.ExecStatus;
import org.vigil.agents.MetadataException;
import org.vigil.agents.MetadataXml;
import org.vigil.agents.fence.FenceAction;
import org.vigil.agents.fence.FenceRequest;
import org.vigil.agents.fence.FenceResult;
import org.vigil.agents.fence.PowerState;
import org.vigil.world.Cancellable;
import org.vigil.world.Timers;

/**
 * Agent actions and waits as futures that complete on the daemon's event thread. Every action is
 * guarded by a timer, so an agent that never answers still ends as a timeout. Event thread only.
 */
final class AgentCalls {
    /** Time past a request's own timeout before the daemon stops waiting for the runner's report. */
    static final Duration GUARD_GRACE = Duration.ofSeconds(5);

    private final FenceAgentRunner runner;
    private final Timers timers;
    private final Executor events;
    private final Map<AgentId, CompletableFuture<AgentCapabilities>> capabilities = new HashMap<>();

    AgentCalls(FenceAgentRunner runner, Timers timers, Executor events) {
        this.runner = runner;
        this.timers = timers;
        this.events = events;
    }

    CompletableFuture<FenceResult> run(FenceRequest request) {
        CompletableFuture<FenceResult> result = new CompletableFuture<>();
        Cancellable handle;
        try {
            handle = runner.run(request, r -> events.execute(() -> result.complete(r)));
        } catch (RuntimeException e) {
            result.complete(FenceResult.error(request.agent() + " " + request.action().agentName() + " could not be started: " + e));
            return result;
        }
        Cancellable guard = timers.schedule(request.timeout().plus(GUARD_GRACE), () -> events.execute(() -> {
            if (!result.isDone()) {
                handle.cancel();
                result.complete(new FenceResult(ExecStatus.TIMED_OUT, 1, PowerState.UNKNOWN, "",
                        request.agent() + " " + request.action().agentName() + " did not answer within " + request.timeout().toSeconds() + "s"));
            }
        }));
        result.whenComplete((r, e) -> guard.cancel());
        return result;
    }

    CompletableFuture<Void> sleep(Duration delay) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        timers.schedule(delay, () -> events.execute(() -> done.complete(null)));
        return done;
    }

    /**
     * What the agent's meta-data says it can do. Asked once per agent (concurrent operations share the
     * answer); an answer that could not be read is forgotten, so the next operation asks again.
     */
    CompletableFuture<AgentCapabilities> capabilities(FenceDevice device, Duration timeout) {
        CompletableFuture<AgentCapabilities> known = capabilities.get(device.agent());
        if (known != null) {
            return known;
        }
        FenceRequest request = new FenceRequest(device.agent(), FenceAction.METADATA, Optional.empty(), device.params(), timeout);
        CompletableFuture<AgentCapabilities> asked = run(request).thenApply(r -> {
            if (!r.succeeded()) {
                return AgentCapabilities.UNKNOWN;
            }
            try {
                AgentMetadata md = MetadataXml.parse(device.agent().type(), r.output());
                return new AgentCapabilities(true, md.action("list").isPresent(), md.action("status").isPresent(),
                        md.action("reboot").isPresent());
            } catch (MetadataException e) {
                return AgentCapabilities.UNKNOWN;
            }
        });
        capabilities.put(device.agent(), asked);
        asked.thenAccept(c -> {
            if (!c.known()) {
                capabilities.remove(device.agent(), asked);
            }
        });
        return asked;
    }

    /** The actions a fence agent declares; unknown meta-data is taken as "can do everything". */
    record AgentCapabilities(boolean known, boolean list, boolean status, boolean reboot) {
        static final AgentCapabilities UNKNOWN = new AgentCapabilities(false, true, true, true);
    }
}
