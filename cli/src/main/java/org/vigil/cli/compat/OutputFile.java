package org.vigil.cli.compat;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.vigil.cli.CliContext;
import picocli.CommandLine.Option;

/**
 * {@code --output-to DEST} of Pacemaker's tools: what the tool prints on stdout goes to the file instead (created
 * or truncated; {@code -} is stdout), its errors still to stderr.
 */
final class OutputFile {
    private OutputFile() {}

    /**
     * Runs {@code command} with its stdout in {@code dest}; when the file cannot be written, Pacemaker's error and
     * exit code 1.
     */
    static int run(CliContext ctx, String tool, String dest, String format, Function<CliContext, Integer> command) {
        Path file = ctx.resolve(dest);
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            int code = command.apply(new CliContext(ctx.env(), ctx.in(), out, ctx.err(), ctx.clock(), ctx.workDir()));
            out.flush();
            return code;
        } catch (IOException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "No such file or directory"
                    : e instanceof java.nio.file.AccessDeniedException ? "Permission denied" : e.getMessage();
            ctx.err().println(tool + ": Error creating output format " + (format == null ? "(null)" : format) + ": "
                    + why);
            ctx.err().println("Error performing operation: Error occurred");
            return 1;
        }
    }

    /** Copies every {@code @Option} field of {@code from} into {@code to} (the same command on another context). */
    static <T> T copyOptions(T from, T to) {
        try {
            for (Field f : from.getClass().getDeclaredFields()) {
                if (f.isAnnotationPresent(Option.class)
                        || f.isAnnotationPresent(picocli.CommandLine.Parameters.class)
                        || f.isAnnotationPresent(picocli.CommandLine.Spec.class)) {
                    f.setAccessible(true);
                    f.set(to, f.get(from));
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        return to;
    }
}
