package org.vigil.agents.fence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.vigil.agents.AgentMetadata;
import org.vigil.agents.MetadataException;
import org.vigil.agents.MetadataXml;
import org.vigil.agents.ExecStatus;
import org.vigil.agents.HostEnvironment;
import org.vigil.agents.process.ProcessResult;
import org.vigil.agents.process.ProcessRunner;
import org.vigil.agents.process.ProcessSpec;

/**
 * Runs a fence-agents script (e.g. {@code /usr/sbin/fence_ipmilan}) the way Pacemaker's fencer
 * does: no arguments, the device parameters as {@code name=value} lines on stdin, plus
 * {@code action=} and {@code port=} (the target).
 */
public final class FenceScriptRunner {
    private final ProcessRunner runner;

    public FenceScriptRunner(ProcessRunner runner) {
        this.runner = runner;
    }

    public FenceResult run(Path script, FenceRequest request, HostEnvironment host) throws InterruptedException {
        if (!Files.isExecutable(script)) {
            return FenceResult.error(request.agent() + ": fence agent " + script + " not found or not executable");
        }
        Optional<String> hostArg = request.target().isEmpty() ? Optional.empty() : hostArgument(script, request, host);
        ProcessResult r;
        try {
            r = runner.run(ProcessSpec.of(List.of(script.toString()), host.env(), request.timeout()).withStdin(stdin(request, hostArg)));
        } catch (IOException e) {
            return FenceResult.error(request.agent() + ": cannot execute " + script + ": " + e.getMessage());
        }
        if (r.timedOut()) {
            return new FenceResult(ExecStatus.TIMED_OUT, 1, PowerState.UNKNOWN, r.combined(),
                    request.agent() + " " + request.action().agentName() + " timed out");
        }
        PowerState power = PowerState.UNKNOWN;
        if (request.action() == FenceAction.STATUS) {
            power = r.exitCode() == 0 ? PowerState.ON : r.exitCode() == 2 ? PowerState.OFF : PowerState.UNKNOWN;
        }
        String reason = r.exitCode() == 0 || (request.action() == FenceAction.STATUS && r.exitCode() == 2)
                ? "" : request.agent() + " " + request.action().agentName() + " failed (exit " + r.exitCode() + "): " + lastLine(r.stderr());
        return FenceResult.done(r.exitCode(), power, r.combined(), reason);
    }

    /**
     * The parameter that names the target, as Pacemaker's {@code pcmk_host_argument}: the device
     * setting if given ("none" for agents without one), else {@code port} or {@code plug} when the
     * agent's meta-data declares it, else nothing (agents such as fence_dummy fence a fixed host).
     */
    Optional<String> hostArgument(Path script, FenceRequest request, HostEnvironment host) throws InterruptedException {
        String configured = request.params().get("pcmk_host_argument");
        if (configured != null) {
            return configured.equals("none") ? Optional.empty() : Optional.of(configured);
        }
        try {
            ProcessResult md = runner.run(ProcessSpec.of(List.of(script.toString(), "-o", "metadata"), host.env(), request.timeout()));
            AgentMetadata meta = MetadataXml.parse(request.agent().toString(), md.stdout());
            for (String candidate : List.of("port", "plug")) {
                if (meta.parameter(candidate).isPresent()) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        } catch (IOException | MetadataException e) {
            // cannot tell: pass "port", the fence-agents default
            return Optional.of("port");
        }
    }

    /** Device parameters as name=value lines; Pacemaker's own pcmk_* options are not for the agent. */
    static String stdin(FenceRequest request, Optional<String> hostArgument) {
        StringBuilder sb = new StringBuilder();
        new java.util.TreeMap<>(request.params()).forEach((k, v) -> {
            // the fencer decides the action and target; device parameters must not override them
            String key = k.toLowerCase(Locale.ROOT);
            if (!key.equals("action") && !key.startsWith("pcmk_") && !key.contains("\n") && !v.contains("\n")
                    && hostArgument.map(h -> !h.equals(key)).orElse(true)) {
                sb.append(k).append('=').append(v).append('\n');
            }
        });
        sb.append("action=").append(request.action().agentName()).append('\n');
        hostArgument.ifPresent(h -> request.target().ifPresent(t -> sb.append(h).append('=').append(t).append('\n')));
        return sb.toString();
    }

    private static String lastLine(String s) {
        String t = s.strip();
        int nl = t.lastIndexOf('\n');
        return nl < 0 ? t : t.substring(nl + 1);
    }
}
