package org.vigil.agents.builtin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vigil.agents.ActionContext;
import org.vigil.agents.ActionSpec;
import org.vigil.agents.AgentFailure;
import org.vigil.agents.AgentId;
import org.vigil.agents.AgentMetadata;
import org.vigil.agents.AgentResult;
import org.vigil.agents.OcfStatus;
import org.vigil.agents.ParameterSpec;
import org.vigil.agents.Precedence;
import org.vigil.agents.ResourceAgent;

/**
 * {@code ocf:heartbeat:Dummy} in Java: tracks "running" as a state file, exactly where the shell
 * agent keeps it ({@code $HA_RSCTMP/Dummy-<instance>.state}), so the two are interchangeable.
 * Stands in only when the script is not installed.
 */
public final class DummyAgent implements ResourceAgent {
    private static final AgentMetadata METADATA = new AgentMetadata("Dummy", "1.0",
            "Example stateless resource agent",
            "Does nothing except keep track of whether it is running, in a state file.",
            List.of(ParameterSpec.optional("state", "string", null, "State file (default $HA_RSCTMP/Dummy-<instance>.state)").asUnique(),
                    ParameterSpec.optional("fake", "string", "dummy", "Fake attribute that can be changed to cause a reload")),
            List.of(ActionSpec.of("start", 20), ActionSpec.of("stop", 20), ActionSpec.monitor(20, 10),
                    ActionSpec.of("reload", 20), ActionSpec.of("migrate_to", 20), ActionSpec.of("migrate_from", 20),
                    ActionSpec.of("meta-data", 5), ActionSpec.of("validate-all", 20)));

    @Override
    public AgentId id() {
        return AgentId.ocf("heartbeat", "Dummy");
    }

    @Override
    public AgentMetadata metadata() {
        return METADATA;
    }

    @Override
    public Precedence precedence() {
        return Precedence.SCRIPT_FIRST;
    }

    static Path stateFile(ActionContext ctx, String prefix) {
        return ctx.optParam("state").map(Path::of)
                .orElse(ctx.host().stateDir().resolve(prefix + "-" + ctx.instance() + ".state"));
    }

    @Override
    public AgentResult start(ActionContext ctx) {
        if (monitor(ctx).is(OcfStatus.SUCCESS)) {
            return AgentResult.success();
        }
        Path state = stateFile(ctx, "Dummy");
        try {
            Files.createDirectories(state.toAbsolutePath().getParent());
            Files.writeString(state, "");
        } catch (IOException e) {
            throw new AgentFailure(OcfStatus.ERR_PERM, "State file \"" + state + "\" is not writable: " + e.getMessage());
        }
        return AgentResult.success();
    }

    @Override
    public AgentResult stop(ActionContext ctx) {
        try {
            Files.deleteIfExists(stateFile(ctx, "Dummy"));
        } catch (IOException e) {
            throw AgentFailure.generic("cannot remove state file: " + e.getMessage());
        }
        return AgentResult.success();
    }

    @Override
    public AgentResult monitor(ActionContext ctx) {
        return Files.exists(stateFile(ctx, "Dummy")) ? AgentResult.success() : AgentResult.notRunning();
    }

    @Override
    public AgentResult migrateTo(ActionContext ctx) {
        // like the script: the source simply stops; the target starts in migrate_from
        return stop(ctx);
    }

    @Override
    public AgentResult migrateFrom(ActionContext ctx) {
        return start(ctx);
    }

    @Override
    public AgentResult reload(ActionContext ctx) {
        return AgentResult.success();
    }

    @Override
    public AgentResult validateAll(ActionContext ctx) {
        Path dir = stateFile(ctx, "Dummy").toAbsolutePath().getParent();
        if (Files.exists(dir) && !Files.isWritable(dir)) {
            return AgentResult.of(OcfStatus.ERR_ARGS, "State file directory " + dir + " is not writable");
        }
        return AgentResult.success();
    }
}
