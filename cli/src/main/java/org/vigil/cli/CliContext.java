package org.vigil.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Everything a command takes from the outside world, so tests can run commands in-process with their own
 * environment, streams and clock instead of the JVM's.
 *
 * @param env     environment variables (CIB_file, EDITOR, ...)
 * @param workDir where relative paths (CIB_file, load FILE) are resolved
 */
public record CliContext(
        Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err, Clock clock, Path workDir) {
    public CliContext {
        env = Map.copyOf(env);
    }

    public static CliContext system() {
        return new CliContext(System.getenv(), System.in, new PrintWriter(System.out, true),
                new PrintWriter(System.err, true), Clock.systemUTC(), Path.of("").toAbsolutePath());
    }

    public String env(String name) {
        String v = env.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    public Path resolve(String path) {
        return workDir.resolve(path).normalize();
    }
}
