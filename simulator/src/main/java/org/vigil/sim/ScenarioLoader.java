package org.vigil.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.vigil.cib.Cib;
import org.vigil.cib.CibParseException;
import org.vigil.cib.CibXml;
import org.vigil.cib.Configuration;
import org.vigil.cli.shell.ConfigApplier;
import org.vigil.cli.shell.ConfigParser;
import org.vigil.cli.shell.ShellSyntaxException;

/** Reads scenario files (YAML or JSON) and the built-in scenarios, with one-line errors naming the file. */
public final class ScenarioLoader {
    private static final String BUILTIN_DIR = "/org/vigil/sim/scenarios/";

    /** A scenario ready to run. */
    public record Loaded(Scenario scenario, Cib cib, List<TimelineEvent> timeline, Duration duration, String source) {}

    private ScenarioLoader() {}

    /** The built-in scenario names, in the order {@code vigil-sim list} prints them. */
    public static List<String> builtinNames() {
        try (InputStream in = ScenarioLoader.class.getResourceAsStream(BUILTIN_DIR + "index.txt")) {
            if (in == null) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.trim());
                }
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("built-in scenario index unreadable", e);
        }
    }

    /** A built-in scenario by name, or a file path. */
    public static Loaded load(String nameOrPath) throws ScenarioException {
        if (builtinNames().contains(nameOrPath)) {
            try (InputStream in = ScenarioLoader.class.getResourceAsStream(BUILTIN_DIR + nameOrPath + ".yaml")) {
                if (in == null) {
                    throw new ScenarioException("built-in scenario " + nameOrPath + " is listed but missing");
                }
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "builtin:" + nameOrPath);
            } catch (IOException e) {
                throw new ScenarioException("builtin:" + nameOrPath + ": " + e.getMessage());
            }
        }
        Path p = Path.of(nameOrPath);
        if (!Files.isRegularFile(p)) {
            throw new ScenarioException(nameOrPath + ": no such scenario file, and not a built-in scenario (see"
                    + " 'vigil-sim list')");
        }
        try {
            return parse(Files.readString(p), nameOrPath);
        } catch (IOException e) {
            throw new ScenarioException(nameOrPath + ": cannot read: " + e.getMessage());
        }
    }

    public static Loaded parse(String text, String source) throws ScenarioException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        Scenario s;
        try {
            s = yaml.readValue(text, Scenario.class);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ScenarioException(source + (line > 0 ? ":" + line : "") + ": " + e.getOriginalMessage());
        }
        if (s == null) {
            throw new ScenarioException(source + ": empty scenario");
        }
        Cib cib = cib(s, source);
        List<TimelineEvent> timeline = new ArrayList<>();
        for (String line : s.timeline()) {
            try {
                timeline.add(SimulationRun.validate(TimelineEvent.parse(line)));
            } catch (IllegalArgumentException e) {
                throw new ScenarioException(source + ": " + e.getMessage());
            }
        }
        for (String x : s.expect()) {
            try {
                Expectation.parse(x);
            } catch (IllegalArgumentException e) {
                throw new ScenarioException(source + ": " + e.getMessage());
            }
        }
        Duration duration;
        try {
            duration = s.duration() == null ? Duration.ofMinutes(30) : TimelineEvent.duration(s.duration(), "duration");
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(source + ": " + e.getMessage());
        }
        return new Loaded(s, cib, timeline, duration, source);
    }

    private static Cib cib(Scenario s, String source) throws ScenarioException {
        if (s.cib() != null && s.configuration() != null) {
            throw new ScenarioException(source + ": give the configuration either as 'cib' (XML) or as"
                    + " 'configuration' (crm syntax), not both");
        }
        if (s.cib() != null) {
            try {
                return CibXml.standard().read(s.cib(), source + " (cib)").cib();
            } catch (CibParseException e) {
                throw new ScenarioException(e.getMessage());
            }
        }
        if (s.configuration() != null) {
            try {
                Configuration c = ConfigApplier.apply(Configuration.EMPTY, ConfigParser.parseText(s.configuration()),
                        ConfigApplier.Mode.UPDATE);
                return Cib.empty().withConfiguration(c);
            } catch (ShellSyntaxException e) {
                throw new ScenarioException(e.describe(source + " (configuration)"));
            } catch (RuntimeException e) {
                throw new ScenarioException(source + " (configuration): " + e.getMessage());
            }
        }
        throw new ScenarioException(source + ": no configuration (expected 'configuration' in crm syntax or 'cib')");
    }

    /** A scenario that cannot be run, with a one-line reason. */
    public static final class ScenarioException extends Exception {
        private static final long serialVersionUID = 1L;

        public ScenarioException(String message) {
            super(message);
        }
    }
}
