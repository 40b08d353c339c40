package org.vigil.console;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.vigil.cli.CliContext;
import org.vigil.cli.Main;

/**
 * Runs crm's own commands in-process against the local vigild, so every page shows and every action goes
 * through exactly what {@code crm} would do (same parsing, checks and commit path), nothing re-implemented.
 */
final class CrmRunner {
    record Result(String command, int code, String out, String err) {
        boolean ok() {
            return code == 0;
        }
    }

    private final Map<String, String> env;
    private final Path workDir;
    private final Clock clock;

    /** @param env crm's environment: VIGIL_SOCKET (the daemon's socket), or CIB_file in tests */
    CrmRunner(Map<String, String> env, Path workDir, Clock clock) {
        this.env = Map.copyOf(env);
        this.workDir = workDir;
        this.clock = clock;
    }

    /** A context for reading through crm's own clients (live CIB, history), its output thrown away. */
    CliContext context() {
        return context(new StringWriter(), new StringWriter());
    }

    private CliContext context(StringWriter out, StringWriter err) {
        return new CliContext(env, new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true),
                new PrintWriter(err, true), clock, workDir);
    }

    Result run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext ctx = context(out, err);
        int code;
        try {
            code = Main.run(ctx, args.toArray(String[]::new));
        } catch (RuntimeException e) {
            // a command's own bug must not take the console down; the page shows it as an error
            code = 1;
            err.append("crm failed: ").append(String.valueOf(e.getMessage()));
        }
        return new Result(commandLine(args), code, out.toString(), err.toString());
    }

    /** The command as an operator would type it (words quoted only when they need it). */
    static String commandLine(List<String> args) {
        StringBuilder b = new StringBuilder("crm");
        for (String a : args) {
            b.append(' ').append(a.matches("[A-Za-z0-9_.:=@/+,-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return b.toString();
    }
}
