package org.vigil.agents.builtin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.vigil.agents.ActionContext;
import org.vigil.agents.ActionSpec;
import org.vigil.agents.AgentFailure;
import org.vigil.agents.AgentId;
import org.vigil.agents.AgentMetadata;
import org.vigil.agents.AgentResult;
import org.vigil.agents.AttributeUpdate;
import org.vigil.agents.OcfStatus;
import org.vigil.agents.ParameterSpec;
import org.vigil.agents.Precedence;
import org.vigil.agents.ResourceAgent;

/**
 * {@code ocf:pacemaker:Stateful}, the promotable test agent: a state file holding
 * {@code promoted} or {@code unpromoted}, with promotion scores 10 (promoted) and 5 (unpromoted)
 * as Pacemaker's script sets them.
 */
public final class StatefulAgent implements ResourceAgent {
    static final String PROMOTED_SCORE = "10";
    static final String UNPROMOTED_SCORE = "5";

    private static final AgentMetadata METADATA = new AgentMetadata("Stateful", "1.1",
            "Example stateful resource agent",
            "Promotable test agent: records its role in a state file and sets promotion scores.",
            List.of(ParameterSpec.optional("state", "string", null, "State file (default $HA_RSCTMP/Stateful-<instance>.state)").asUnique()),
            List.of(ActionSpec.of("start", 20), ActionSpec.of("stop", 20),
                    ActionSpec.monitor(20, 10, "Promoted"), ActionSpec.monitor(20, 11, "Unpromoted"),
                    ActionSpec.of("promote", 10), ActionSpec.of("demote", 10), ActionSpec.of("notify", 5),
                    ActionSpec.of("meta-data", 5), ActionSpec.of("reload-agent", 10), ActionSpec.of("validate-all", 30)));

    @Override
    public AgentId id() {
        return AgentId.ocf("pacemaker", "Stateful");
    }

    @Override
    public AgentMetadata metadata() {
        return METADATA;
    }

    @Override
    public Precedence precedence() {
        return Precedence.SCRIPT_FIRST;
    }

    private static Path state(ActionContext ctx) {
        return DummyAgent.stateFile(ctx, "Stateful");
    }

    private static String role(ActionContext ctx) {
        try {
            return Files.readString(state(ctx)).strip();
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw AgentFailure.generic("cannot read state file " + state(ctx) + ": " + e.getMessage());
        }
    }

    private static void write(ActionContext ctx, String role) {
        Path p = state(ctx);
        try {
            Files.createDirectories(p.toAbsolutePath().getParent());
            Files.writeString(p, role + "\n");
        } catch (IOException e) {
            throw new AgentFailure(OcfStatus.ERR_PERM, "cannot write state file " + p + ": " + e.getMessage());
        }
    }

    private static AgentResult withScore(ActionContext ctx, String score) {
        return AgentResult.success().withAttributeUpdates(List.of(AttributeUpdate.set(AttributeUpdate.promotionAttribute(ctx.instance()), score)));
    }

    @Override
    public AgentResult start(ActionContext ctx) {
        String role = role(ctx);
        if (role.equals("promoted")) {
            return withScore(ctx, PROMOTED_SCORE);
        }
        write(ctx, "unpromoted");
        return withScore(ctx, UNPROMOTED_SCORE);
    }

    @Override
    public AgentResult stop(ActionContext ctx) {
        if (role(ctx).equals("promoted")) {
            // as Pacemaker's script: the cluster must demote before it stops
            return AgentResult.of(OcfStatus.RUNNING_PROMOTED, "cannot stop a promoted instance: demote it first");
        }
        try {
            Files.deleteIfExists(state(ctx));
        } catch (IOException e) {
            throw AgentFailure.generic("cannot remove state file: " + e.getMessage());
        }
        return AgentResult.success().withAttributeUpdates(List.of(AttributeUpdate.delete(AttributeUpdate.promotionAttribute(ctx.instance()))));
    }

    @Override
    public AgentResult monitor(ActionContext ctx) {
        return switch (role(ctx)) {
            case "" -> AgentResult.notRunning();
            case "promoted", "master" -> AgentResult.of(OcfStatus.RUNNING_PROMOTED);
            case "unpromoted", "slave" -> AgentResult.success();
            default -> AgentResult.of(OcfStatus.ERR_GENERIC, "state file " + state(ctx) + " holds an unknown role");
        };
    }

    @Override
    public AgentResult promote(ActionContext ctx) {
        if (role(ctx).isEmpty()) {
            return AgentResult.of(OcfStatus.NOT_RUNNING, "cannot promote: not started");
        }
        write(ctx, "promoted");
        return withScore(ctx, PROMOTED_SCORE);
    }

    @Override
    public AgentResult demote(ActionContext ctx) {
        if (role(ctx).isEmpty()) {
            return AgentResult.of(OcfStatus.NOT_RUNNING, "cannot demote: not started");
        }
        write(ctx, "unpromoted");
        return withScore(ctx, UNPROMOTED_SCORE);
    }

    @Override
    public AgentResult notify(ActionContext ctx) {
        return AgentResult.success();
    }

    @Override
    public AgentResult reload(ActionContext ctx) {
        return AgentResult.success();
    }
}
