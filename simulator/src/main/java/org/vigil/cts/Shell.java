package org.vigil.cts;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the host tools the suite needs (ip, nft, kill), each bounded in time, and logs every command line. */
final class Shell {
    private static final int MAX_OUTPUT = 64 * 1024;
    private final Path log;

    Shell(Path log) {
        this.log = log;
    }

    record Result(int exit, String output) {
        boolean ok() {
            return exit == 0;
        }

        String firstLine() {
            String s = output.strip();
            int nl = s.indexOf('\n');
            return nl < 0 ? s : s.substring(0, nl);
        }
    }

    Result run(List<String> command) {
        return run(command, null, Duration.ofSeconds(20));
    }

    /** Runs the command (stderr merged into the output); exit 124 when it timed out, 127 when it cannot start. */
    Result run(List<String> command, String stdin, Duration timeout) {
        Result r;
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            byte[] out;
            try (InputStream is = p.getInputStream()) {
                // tools here print little; reading before waiting keeps a chatty one from blocking on a full pipe
                out = is.readNBytes(MAX_OUTPUT);
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                r = new Result(124, "timed out after " + timeout.toSeconds() + " s");
            } else {
                r = new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            r = new Result(127, "cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            r = new Result(130, "interrupted");
        }
        note(String.join(" ", command) + (r.ok() ? "" : "  -> exit " + r.exit() + ": " + r.firstLine()));
        return r;
    }

    /** Runs the command and fails with its first output line unless it exits 0. */
    void check(List<String> command) throws CtsException {
        check(command, null);
    }

    void check(List<String> command, String stdin) throws CtsException {
        Result r = run(command, stdin, Duration.ofSeconds(20));
        if (!r.ok()) {
            throw new CtsException("'" + String.join(" ", command) + "' failed (exit " + r.exit() + "): " + r.firstLine());
        }
    }

    /** One line in the suite's own log (cts.log in the working directory). */
    synchronized void note(String line) {
        try {
            Files.writeString(log, Instant.now() + " " + line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the log is a convenience; the run goes on without it
        }
    }
}
