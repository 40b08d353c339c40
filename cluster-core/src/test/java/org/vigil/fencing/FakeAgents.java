package org.vigil.fencing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Consumer;
import org.vigil.agents.ActionSpec;
import org.vigil.agents.AgentMetadata;
import org.vigil.agents.MetadataXml;
import org.vigil.agents.ParameterSpec;
import org.vigil.agents.fence.FenceAction;
import org.vigil.agents.fence.FenceRequest;
import org.vigil.agents.fence.FenceResult;
import org.vigil.agents.fence.PowerState;
import org.vigil.world.Cancellable;

/**
 * Scripted fence agents on a {@link VirtualWorld}: each agent type answers per action after a
 * virtual duration (or never), and every request is logged as "type action plug".
 */
final class FakeAgents implements FenceAgentRunner {
    /** How an agent answers: a result after a delay, or no answer at all. */
    record Reply(FenceResult result, Duration after) {
        static Reply ok() {
            return new Reply(FenceResult.done(0, PowerState.UNKNOWN, "Success", ""), Duration.ofSeconds(1));
        }

        static Reply failed(String why) {
            return new Reply(FenceResult.done(1, PowerState.UNKNOWN, "", why), Duration.ofSeconds(1));
        }

        static Reply exit(int code, String output) {
            return new Reply(FenceResult.done(code, PowerState.UNKNOWN, output, code == 0 ? "" : "exit " + code), Duration.ofSeconds(1));
        }

        static Reply never() {
            return new Reply(null, null);
        }
    }

    private final VirtualWorld world;
    private final Map<String, Function<FenceRequest, Reply>> behaviour = new HashMap<>();
    private final Map<String, List<String>> declaredActions = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    final List<String> cancelled = new ArrayList<>();

    FakeAgents(VirtualWorld world) {
        this.world = world;
    }

    /** Power actions of {@code type} answer with {@code reply}; list/status/metadata as declared. */
    FakeAgents agent(String type, Function<FenceRequest, Reply> reply) {
        behaviour.put(type, reply);
        return this;
    }

    /** The actions the agent's meta-data declares (default: on, off, reboot, status, list, monitor). */
    FakeAgents declares(String type, String... actions) {
        declaredActions.put(type, List.of(actions));
        return this;
    }

    List<String> powerCalls() {
        return calls.stream().filter(c -> !c.contains(" metadata")).toList();
    }

    @Override
    public Cancellable run(FenceRequest request, Consumer<FenceResult> done) {
        String type = request.agent().type();
        String line = type + " " + request.action().agentName() + request.target().map(t -> " " + t).orElse("");
        calls.add(line);
        Reply reply;
        if (request.action() == FenceAction.METADATA) {
            reply = new Reply(FenceResult.done(0, PowerState.UNKNOWN, metadata(type), ""), Duration.ofMillis(10));
        } else {
            reply = behaviour.getOrDefault(type, r -> Reply.failed("no such agent " + type)).apply(request);
        }
        if (reply.result() == null) {
            return () -> cancelled.add(line);
        }
        Cancellable timer = world.schedule(reply.after(), () -> done.accept(reply.result()));
        return () -> {
            cancelled.add(line);
            timer.cancel();
        };
    }

    private String metadata(String type) {
        List<ActionSpec> actions = declaredActions.getOrDefault(type, List.of("on", "off", "reboot", "status", "list", "monitor"))
                .stream().map(a -> ActionSpec.of(a, 20)).toList();
        return MetadataXml.render(new AgentMetadata(type, "1", "fake", "fake fence agent",
                List.of(ParameterSpec.optional("port", "string", null, "target")), actions));
    }
}
