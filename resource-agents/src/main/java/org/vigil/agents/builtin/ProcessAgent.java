package org.vigil.agents.builtin;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.vigil.agents.ActionContext;
import org.vigil.agents.ActionSpec;
import org.vigil.agents.AgentFailure;
import org.vigil.agents.AgentId;
import org.vigil.agents.AgentMetadata;
import org.vigil.agents.AgentResult;
import org.vigil.agents.CommandResult;
import org.vigil.agents.OcfStatus;
import org.vigil.agents.ParameterSpec;
import org.vigil.agents.ResourceAgent;
import org.vigil.agents.process.ToolPath;

/**
 * {@code ocf:vigil:process}: runs any command as a supervised daemon. The pid file records the
 * pid and the process start time, so a recycled pid is not mistaken for our daemon.
 */
public final class ProcessAgent implements ResourceAgent {
    private static final AgentMetadata METADATA = new AgentMetadata("process", "1.0",
            "Runs a command as a supervised daemon",
            "Starts the command detached (new session, stdin from /dev/null, output to logfile), stops it with "
                    + "SIGTERM and after stop_timeout SIGKILL, and monitors its pid plus an optional health command.",
            List.of(ParameterSpec.required("command", "string", "Command line to run (through /bin/sh)"),
                    ParameterSpec.optional("pidfile", "string", null, "Pid file (default $HA_RSCTMP/process-<instance>.pid)").asUnique(),
                    ParameterSpec.optional("logfile", "string", "/dev/null", "Where the daemon's stdout and stderr go"),
                    ParameterSpec.optional("workdir", "string", "/", "Working directory of the daemon"),
                    ParameterSpec.optional("stop_timeout", "integer", "10", "Seconds to wait after SIGTERM before SIGKILL"),
                    ParameterSpec.optional("health_command", "string", null, "Command (through /bin/sh) that must exit 0 while the daemon is healthy"),
                    ParameterSpec.optional("startup_wait", "integer", "1", "Seconds the daemon must survive after start to count as started")),
            List.of(ActionSpec.of("start", 20), ActionSpec.of("stop", 20), ActionSpec.monitor(20, 10),
                    ActionSpec.of("meta-data", 5), ActionSpec.of("validate-all", 5)));

    @Override
    public AgentId id() {
        return AgentId.ocf("vigil", "process");
    }

    @Override
    public AgentMetadata metadata() {
        return METADATA;
    }

    private record PidRecord(long pid, long startMillis) {}

    private static Path pidFile(ActionContext ctx) {
        return ctx.optParam("pidfile").map(Path::of).orElse(ctx.host().stateDir().resolve("process-" + ctx.instance() + ".pid"));
    }

    private static Optional<PidRecord> readPid(ActionContext ctx) {
        Path f = pidFile(ctx);
        try {
            String[] parts = Files.readString(f).strip().split("\\s+");
            return Optional.of(new PidRecord(Long.parseLong(parts[0]), parts.length > 1 ? Long.parseLong(parts[1]) : -1));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            throw AgentFailure.generic("pid file " + f + " is unreadable or malformed: " + e.getMessage());
        }
    }

    /** The live process of this record, if it is still the one we started. */
    private static Optional<ProcessHandle> live(PidRecord rec) {
        return ProcessHandle.of(rec.pid()).filter(ProcessHandle::isAlive).filter(h -> rec.startMillis() < 0
                || h.info().startInstant().map(Instant::toEpochMilli).map(s -> Math.abs(s - rec.startMillis()) < 2000).orElse(true));
    }

    @Override
    public AgentResult validateAll(ActionContext ctx) {
        if (ctx.intParam("stop_timeout") < 0 || ctx.intParam("startup_wait") < 0) {
            return AgentResult.of(OcfStatus.ERR_CONFIGURED, "stop_timeout and startup_wait must not be negative");
        }
        if (!Files.isDirectory(Path.of(ctx.param("workdir")))) {
            return AgentResult.of(OcfStatus.ERR_CONFIGURED, "workdir " + ctx.param("workdir") + " is not a directory");
        }
        return AgentResult.success();
    }

    @Override
    public AgentResult start(ActionContext ctx) {
        AgentResult valid = validateAll(ctx);
        if (!valid.is(OcfStatus.SUCCESS)) {
            return valid;
        }
        if (readPid(ctx).flatMap(ProcessAgent::live).isPresent()) {
            return AgentResult.success();
        }
        Path pidFile = pidFile(ctx);
        Process p;
        try {
            Files.createDirectories(pidFile.toAbsolutePath().getParent());
            ProcessBuilder pb = new ProcessBuilder(daemonCommand(ctx));
            pb.environment().clear();
            pb.environment().putAll(ctx.host().env());
            pb.directory(new File(ctx.param("workdir")));
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            File log = new File(ctx.param("logfile"));
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log));
            pb.redirectError(ProcessBuilder.Redirect.appendTo(log));
            p = pb.start();
            long started = p.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
            Files.writeString(pidFile, p.pid() + " " + started + "\n");
        } catch (IOException e) {
            throw AgentFailure.generic("cannot start '" + ctx.param("command") + "': " + e.getMessage());
        }
        boolean died = ctx.await(Duration.ofSeconds(ctx.intParam("startup_wait")), () -> !p.isAlive());
        if (died) {
            return AgentResult.of(OcfStatus.ERR_GENERIC, "'" + ctx.param("command") + "' exited with " + p.exitValue() + " right after start");
        }
        return AgentResult.success();
    }

    /** A new session detaches the daemon from the executor's process group, which is killed on timeouts. */
    private static List<String> daemonCommand(ActionContext ctx) {
        String sh = "exec " + ctx.param("command");
        return ToolPath.find(ctx.host().path(), "setsid")
                .map(setsid -> List.of(setsid.toString(), "/bin/sh", "-c", sh))
                .orElse(List.of("/bin/sh", "-c", sh));
    }

    @Override
    public AgentResult stop(ActionContext ctx) {
        Optional<PidRecord> rec = readPid(ctx);
        Optional<ProcessHandle> h = rec.flatMap(ProcessAgent::live);
        if (h.isPresent()) {
            ProcessHandle proc = h.get();
            proc.destroy();
            if (!ctx.await(Duration.ofSeconds(ctx.intParam("stop_timeout")), () -> !proc.isAlive())) {
                proc.destroyForcibly();
                if (!ctx.await(Duration.ofSeconds(5), () -> !proc.isAlive())) {
                    return AgentResult.of(OcfStatus.ERR_GENERIC, "process " + proc.pid() + " survived SIGKILL");
                }
            }
        }
        try {
            Files.deleteIfExists(pidFile(ctx));
        } catch (IOException e) {
            throw AgentFailure.generic("cannot remove pid file: " + e.getMessage());
        }
        return AgentResult.success();
    }

    @Override
    public AgentResult monitor(ActionContext ctx) {
        Optional<PidRecord> rec = readPid(ctx);
        if (rec.isEmpty()) {
            return AgentResult.notRunning();
        }
        if (live(rec.get()).isEmpty()) {
            return AgentResult.of(OcfStatus.ERR_GENERIC, "process " + rec.get().pid() + " of " + ctx.instance() + " died");
        }
        Optional<String> health = ctx.optParam("health_command");
        if (health.isPresent()) {
            CommandResult r = ctx.run("sh", "-c", health.get());
            if (!r.ok()) {
                return AgentResult.of(OcfStatus.ERR_GENERIC, "health command failed: " + r.describe());
            }
        }
        return AgentResult.success();
    }
}
