package org.vigil.agents.process;

/** How a child process ended: its exit code (meaningless when timed out), captured output, and whether output was cut. */
public record ProcessResult(int exitCode, String stdout, String stderr, boolean timedOut, boolean truncated) {
    public ProcessResult {
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
    }

    public boolean ok() {
        return !timedOut && exitCode == 0;
    }

    /** Stdout and stderr together, for messages and the bounded output of a result. */
    public String combined() {
        if (stderr.isEmpty()) {
            return stdout;
        }
        if (stdout.isEmpty()) {
            return stderr;
        }
        return stdout + (stdout.endsWith("\n") ? "" : "\n") + stderr;
    }
}
