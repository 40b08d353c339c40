package org.vigil.agents.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A child process to run: the command, its complete environment (the JVM's own is not inherited,
 * so agents see exactly what the cluster gives them), optional stdin, timeout and output bound.
 * {@code keepLastLineWith}: when output runs past the bound, the last line containing this text is kept
 * anyway (an OCF agent's final {@code ocf-exit-reason:} line); null for none.
 */
public record ProcessSpec(
        List<String> command,
        Map<String, String> environment,
        Optional<Path> workDir,
        String stdin,
        Duration timeout,
        Duration killGrace,
        int outputLimit,
        String keepLastLineWith) {

    public static final int DEFAULT_OUTPUT_LIMIT = 64 * 1024;
    public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(2);

    public ProcessSpec {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        environment = Map.copyOf(environment);
        Objects.requireNonNull(workDir, "workDir");
        stdin = stdin == null ? "" : stdin;
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(killGrace, "killGrace");
    }

    public static ProcessSpec of(List<String> command, Map<String, String> environment, Duration timeout) {
        return new ProcessSpec(command, environment, Optional.empty(), "", timeout, DEFAULT_KILL_GRACE, DEFAULT_OUTPUT_LIMIT, null);
    }

    public ProcessSpec withStdin(String input) {
        return new ProcessSpec(command, environment, workDir, input, timeout, killGrace, outputLimit, keepLastLineWith);
    }

    public ProcessSpec withKillGrace(Duration grace) {
        return new ProcessSpec(command, environment, workDir, stdin, timeout, grace, outputLimit, keepLastLineWith);
    }

    public ProcessSpec withOutputLimit(int limit) {
        return new ProcessSpec(command, environment, workDir, stdin, timeout, killGrace, limit, keepLastLineWith);
    }

    public ProcessSpec withLastLineKept(String marker) {
        return new ProcessSpec(command, environment, workDir, stdin, timeout, killGrace, outputLimit, marker);
    }
}
