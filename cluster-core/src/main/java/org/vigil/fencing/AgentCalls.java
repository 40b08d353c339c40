package org.vigil.fencing;

import java.time.Duration;
import java.time.Instant;
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
    /** How long a device's list answer is used (Pacemaker's fencer: 60 s). */
    static final Duration LIST_CACHE = Duration.ofSeconds(60);

    private final FenceAgentRunner runner;
    private final Timers timers;
    private final Executor events;
    private final Map<AgentId, CompletableFuture<AgentCapabilities>> capabilities = new HashMap<>();
    /** Successful list answers by request (agent, action, parameters), with when they were given. */
    private final Map<FenceRequest, Listed> lists = new HashMap<>();

    /** A list action's output and when it was asked. */
    private record Listed(String output, Instant at) {}

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

    /**
     * The device's list of plugs ({@code pcmk_host_check=dynamic-list}): a list answered less than
     * {@link #LIST_CACHE} ago when it names {@code plug}, else the agent is asked (and a successful answer
     * kept). Pacemaker's fencer keeps a device's list 60 s the same way; a fencing then starts with the power
     * action instead of a list run. A cached list that lacks the plug is asked again, so a node added to
     * the device within the minute is not refused from an old answer.
     */
    CompletableFuture<FenceResult> list(FenceRequest request, String plug, Instant now) {
        Listed known = lists.get(request);
        if (known != null && Duration.between(known.at(), now).compareTo(LIST_CACHE) < 0
                && FenceOperation.listed(known.output(), plug)) {
            return CompletableFuture.completedFuture(new FenceResult(ExecStatus.DONE, 0, PowerState.UNKNOWN,
                    known.output(), ""));
        }
        return run(request).thenApply(r -> {
            if (r.succeeded()) {
                lists.put(request, new Listed(r.output(), now));
            } else {
                lists.remove(request);
            }
            return r;
        });
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
