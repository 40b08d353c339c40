package org.vigil.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs crm in-process with its own environment, working directory, clock and captured output. */
public final class CliRunner {
    public record Result(int code, String out, String err) {}

    private final Map<String, String> env = new HashMap<>();
    private final Path dir;
    private String stdin = "";

    public CliRunner(Path dir) {
        this.dir = dir;
        // tests never reach the machine's real vigild: live mode goes to a socket that does not exist
        env.put("VIGIL_SOCKET", dir.resolve("no-vigild.sock").toString());
    }

    public static CliRunner withCib(Path dir, String fileName) {
        CliRunner r = new CliRunner(dir);
        r.env("CIB_file", dir.resolve(fileName).toString());
        return r;
    }

    public CliRunner env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public CliRunner stdin(String text) {
        stdin = text;
        return this;
    }

    public Path dir() {
        return dir;
    }

    /** A context writing to throw-away streams (for building the command tree in tests). */
    public CliContext context() {
        return context(new StringWriter(), new StringWriter());
    }

    private CliContext context(StringWriter out, StringWriter err) {
        return new CliContext(env, new ByteArrayInputStream(stdin.getBytes()), new PrintWriter(out, true),
                new PrintWriter(err, true), Clock.fixed(Instant.parse("2026-11-22T04:00:00Z"), ZoneOffset.UTC), dir);
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(context(out, err), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs a command line written as in a shell ({@code crm ...} or {@code crm_attribute ...}). */
    public Result sh(String commandLine) {
        List<String> words = words(commandLine);
        String first = words.remove(0);
        if (!first.equals("crm")) {
            words.add(0, first);
        }
        return run(words.toArray(new String[0]));
    }

    /** Splits like a POSIX shell does for double quotes, single quotes and backslashes. */
    public static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean in = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                in = true;
                for (i++; i < s.length() && s.charAt(i) != '"'; i++) {
                    if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                        i++;
                    }
                    w.append(s.charAt(i));
                }
            } else if (c == '\'') {
                in = true;
                for (i++; i < s.length() && s.charAt(i) != '\''; i++) {
                    w.append(s.charAt(i));
                }
            } else if (Character.isWhitespace(c)) {
                if (in) {
                    out.add(w.toString());
                    w.setLength(0);
                    in = false;
                }
            } else {
                in = true;
                w.append(c);
            }
        }
        if (in) {
            out.add(w.toString());
        }
        return out;
    }
}
