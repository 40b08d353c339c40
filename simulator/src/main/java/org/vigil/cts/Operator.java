package org.vigil.cts;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.vigil.cli.CliContext;
import org.vigil.cli.Main;

/**
 * The operator: runs {@code crm} commands against one node's socket, exactly as bin/crm would (same code, same
 * re-read on a conflict), in this JVM to save a JVM start per command. A command that does not return in time is
 * left running on its own thread and reported as timed out: its outcome is unknown.
 */
final class Operator {
    record Outcome(int exit, String out, String err, boolean timedOut) {
        boolean ok() {
            return !timedOut && exit == 0;
        }

        String summary() {
            if (timedOut) {
                return "timed out";
            }
            String text = (err.isBlank() ? out : err).strip();
            int nl = text.indexOf('\n');
            return "exit " + exit + (text.isEmpty() ? "" : ": " + (nl < 0 ? text : text.substring(0, nl)));
        }
    }

    private final Path workDir;
    private final Duration timeout;

    Operator(Path workDir, Duration timeout) {
        this.workDir = workDir;
        this.timeout = timeout;
    }

    Outcome crm(Machine via, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext ctx = new CliContext(Map.of("VIGIL_SOCKET", via.socket().toString(), "PATH",
                System.getenv().getOrDefault("PATH", "/usr/bin:/bin")), new ByteArrayInputStream(new byte[0]),
                new PrintWriter(out), new PrintWriter(err), Clock.systemUTC(), workDir);
        CompletableFuture<Integer> run = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                run.complete(Main.run(ctx, args));
            } catch (RuntimeException e) {
                run.completeExceptionally(e);
            }
        }, "crm " + String.join(" ", args));
        t.setDaemon(true);
        t.start();
        try {
            int code = run.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Outcome(code, out.toString(), err.toString(), false);
        } catch (TimeoutException e) {
            return new Outcome(-1, "", "", true);
        } catch (ExecutionException e) {
            return new Outcome(70, "", "crm failed: " + e.getCause(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(130, "", "interrupted", false);
        }
    }
}
