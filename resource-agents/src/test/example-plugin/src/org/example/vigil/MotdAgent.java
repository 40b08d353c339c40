package org.example.vigil;

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
import org.vigil.agents.ResourceAgent;

/**
 * Example Vigil agent plugin, {@code ocf:example:motd}: while "running", a message-of-the-day file
 * holds the configured text. Built and loaded by the resource-agents test suite and shown in
 * docs/agents.md.
 */
public final class MotdAgent implements ResourceAgent {
    private static final AgentMetadata METADATA = new AgentMetadata("motd", "1.0",
            "Publishes a message of the day while running",
            "Writes text to file on start, removes it on stop; monitor checks the file holds the text.",
            List.of(ParameterSpec.required("file", "string", "The file to write").asUnique(),
                    ParameterSpec.optional("text", "string", "Welcome to the cluster", "The message")),
            List.of(ActionSpec.of("start", 10), ActionSpec.of("stop", 10), ActionSpec.monitor(10, 30),
                    ActionSpec.of("meta-data", 5), ActionSpec.of("validate-all", 5)));

    @Override
    public AgentId id() {
        return AgentId.ocf("example", "motd");
    }

    @Override
    public AgentMetadata metadata() {
        return METADATA;
    }

    private static Path file(ActionContext ctx) {
        return Path.of(ctx.param("file"));
    }

    @Override
    public AgentResult start(ActionContext ctx) {
        try {
            Files.writeString(file(ctx), ctx.param("text") + "\n");
            return AgentResult.success();
        } catch (IOException e) {
            throw AgentFailure.generic("cannot write " + file(ctx) + ": " + e.getMessage());
        }
    }

    @Override
    public AgentResult stop(ActionContext ctx) {
        try {
            Files.deleteIfExists(file(ctx));
            return AgentResult.success();
        } catch (IOException e) {
            throw AgentFailure.generic("cannot remove " + file(ctx) + ": " + e.getMessage());
        }
    }

    @Override
    public AgentResult monitor(ActionContext ctx) {
        Path f = file(ctx);
        if (!Files.exists(f)) {
            return AgentResult.notRunning();
        }
        try {
            return Files.readString(f).strip().equals(ctx.param("text"))
                    ? AgentResult.success()
                    : AgentResult.of(OcfStatus.ERR_GENERIC, f + " was changed behind the cluster's back");
        } catch (IOException e) {
            return AgentResult.of(OcfStatus.ERR_GENERIC, "cannot read " + f + ": " + e.getMessage());
        }
    }
}
