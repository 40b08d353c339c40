package org.vigil.agents.fence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.vigil.agents.ActionSpec;
import org.vigil.agents.AgentId;
import org.vigil.agents.AgentMetadata;
import org.vigil.agents.ExecStatus;
import org.vigil.agents.HostEnvironment;
import org.vigil.agents.ParameterSpec;

/**
 * {@code stonith:fence_vigil_file}: a native fence agent for test clusters and simulations that
 * keeps each target's power state in {@code state_dir/<target>} ("on"/"off"); it fences nothing
 * real. Exit codes follow fence-agents: 0 success (status: on), 2 status off, 1 error.
 */
public final class FileFenceAgent implements FenceAgent {
    private static final AgentMetadata METADATA = new AgentMetadata("fence_vigil_file", "1.0",
            "Test fence agent keeping power states in files",
            "Records the power state of each target in state_dir/<target>. For test clusters and simulations only: it does not fence anything.",
            List.of(ParameterSpec.required("state_dir", "string", "Directory holding one power state file per target"),
                    ParameterSpec.optional("hosts", "string", null, "Space-separated targets reported by list"),
                    ParameterSpec.optional("port", "string", null, "The target (set by the fencer)")),
            List.of(ActionSpec.of("on", 20), ActionSpec.of("off", 20), ActionSpec.of("reboot", 20),
                    ActionSpec.of("status", 20), ActionSpec.of("list", 20), ActionSpec.of("monitor", 20),
                    ActionSpec.of("metadata", 5)));

    @Override
    public AgentId id() {
        return AgentId.stonith("fence_vigil_file");
    }

    @Override
    public AgentMetadata metadata() {
        return METADATA;
    }

    @Override
    public FenceResult execute(FenceRequest request, HostEnvironment host) {
        if (request.action() == FenceAction.METADATA) {
            return FenceResult.done(0, PowerState.UNKNOWN, org.vigil.agents.MetadataXml.render(METADATA), "");
        }
        String dir = request.params().getOrDefault("state_dir", "");
        if (dir.isEmpty()) {
            return FenceResult.done(1, PowerState.UNKNOWN, "", "fence_vigil_file: state_dir is required");
        }
        Path stateDir = Path.of(dir);
        Optional<String> target = request.target().or(() -> Optional.ofNullable(request.params().get("port")));
        try {
            switch (request.action()) {
                case MONITOR:
                    return Files.isDirectory(stateDir) && Files.isWritable(stateDir)
                            ? FenceResult.done(0, PowerState.UNKNOWN, "", "")
                            : FenceResult.done(1, PowerState.UNKNOWN, "", "fence_vigil_file: state_dir " + stateDir + " is not a writable directory");
                case LIST:
                    return FenceResult.done(0, PowerState.UNKNOWN, String.join("\n", request.params().getOrDefault("hosts", "").trim().split("\\s+")) + "\n", "");
                case STATUS: {
                    PowerState p = read(stateDir, target.orElseThrow());
                    return FenceResult.done(p == PowerState.OFF ? 2 : 0, p, "Status: " + p, "");
                }
                case ON:
                case OFF:
                case REBOOT: {
                    Files.createDirectories(stateDir);
                    String state = request.action() == FenceAction.OFF ? "off" : "on";
                    Files.writeString(stateDir.resolve(safe(target.orElseThrow())), state + "\n");
                    return FenceResult.done(0, request.action() == FenceAction.OFF ? PowerState.OFF : PowerState.ON, "Success: " + request.action().agentName(), "");
                }
                default:
                    return FenceResult.done(1, PowerState.UNKNOWN, "", "fence_vigil_file: unsupported action " + request.action().agentName());
            }
        } catch (IOException | IllegalArgumentException | java.util.NoSuchElementException e) {
            return new FenceResult(ExecStatus.DONE, 1, PowerState.UNKNOWN, "", "fence_vigil_file " + request.action().agentName() + ": "
                    + (e instanceof java.util.NoSuchElementException ? "no target (port) given" : e.getMessage()));
        }
    }

    private static PowerState read(Path dir, String target) throws IOException {
        try {
            return Files.readString(dir.resolve(safe(target))).strip().toLowerCase(Locale.ROOT).equals("off") ? PowerState.OFF : PowerState.ON;
        } catch (NoSuchFileException e) {
            // a node nobody fenced yet is running
            return PowerState.ON;
        }
    }

    private static String safe(String target) {
        if (target.isEmpty() || target.contains("/") || target.startsWith(".")) {
            throw new IllegalArgumentException("invalid fence target '" + target + "'");
        }
        return target;
    }
}
