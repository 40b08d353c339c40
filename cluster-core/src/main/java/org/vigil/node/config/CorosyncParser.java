package org.vigil.node.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads corosync.conf syntax into {@link ConfSection}s: {@code name {} blocks, {@code key: value} settings,
 * {@code #} comment lines. Only the syntax is checked here; what the settings mean is {@link ClusterConfigReader}'s job.
 */
public final class CorosyncParser {
    private CorosyncParser() {}

    public static ConfSection parse(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** The whole file as a nameless top-level section. */
    public static ConfSection parse(String text, String source) throws ConfigException {
        Deque<Builder> open = new ArrayDeque<>();
        open.push(new Builder("", 0));
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.equals("}")) {
                if (open.size() == 1) {
                    throw ConfigException.at(source, lineNo, "unexpected '}': no section is open");
                }
                Builder done = open.pop();
                open.peek().sections.add(done.build());
                continue;
            }
            if (line.endsWith("{")) {
                String name = line.substring(0, line.length() - 1).strip();
                if (!name.matches("[A-Za-z0-9_.-]+")) {
                    throw ConfigException.at(source, lineNo, "expected a section name before '{', got '" + line + "'");
                }
                open.push(new Builder(name, lineNo));
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw ConfigException.at(source, lineNo,
                        "expected 'key: value', 'section {' or '}', got '" + line + "'");
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (!key.matches("[A-Za-z0-9_.-]+")) {
                throw ConfigException.at(source, lineNo, "expected a setting name before ':', got '" + key + "'");
            }
            if (value.contains("{") || value.contains("}")) {
                throw ConfigException.at(source, lineNo, "expected a value after '" + key + ":', got '" + value + "'");
            }
            open.peek().settings.add(new ConfSection.Setting(key, value, lineNo));
        }
        if (open.size() > 1) {
            Builder unclosed = open.peek();
            throw ConfigException.at(source, unclosed.line,
                    "section '" + unclosed.name + "' is not closed: expected '}' before the end of the file");
        }
        return open.pop().build();
    }

    private static final class Builder {
        final String name;
        final int line;
        final List<ConfSection.Setting> settings = new ArrayList<>();
        final List<ConfSection> sections = new ArrayList<>();

        Builder(String name, int line) {
            this.name = name;
            this.line = line;
        }

        ConfSection build() {
            return new ConfSection(name, line, settings, sections);
        }
    }
}
