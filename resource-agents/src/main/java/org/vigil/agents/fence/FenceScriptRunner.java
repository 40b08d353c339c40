package org.vigil.agents.fence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
        String stdin = stdin(request);
        ProcessResult r;
        try {
            r = runner.run(ProcessSpec.of(List.of(script.toString()), host.env(), request.timeout()).withStdin(stdin));
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
                ? "" : request.agent() + " " + request.action().agentName() + " failed (exit " + r.exitCode() + "): " + firstLine(r.stderr());
        return FenceResult.done(r.exitCode(), power, r.combined(), reason);
    }

    static String stdin(FenceRequest request) {
        StringBuilder sb = new StringBuilder();
        request.params().forEach((k, v) -> {
            // the fencer decides the action and target; device parameters must not override them
            String key = k.toLowerCase(Locale.ROOT);
            if (!key.equals("action") && !key.contains("\n") && !v.contains("\n")) {
                sb.append(k).append('=').append(v).append('\n');
            }
        });
        sb.append("action=").append(request.action().agentName()).append('\n');
        request.target().ifPresent(t -> sb.append("port=").append(t).append('\n'));
        return sb.toString();
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.lastIndexOf('\n');
        return nl < 0 ? t : t.substring(nl + 1);
    }
}
