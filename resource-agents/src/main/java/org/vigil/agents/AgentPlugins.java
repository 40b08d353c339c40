package org.vigil.agents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads agent plugin jars (each with {@code META-INF/services/org.vigil.agents.ResourceAgent} or
 * {@code ...fence.FenceAgent}) from plugin directories, alongside the built-in agents.
 */
public final class AgentPlugins {
    /** Where packaged plugins are installed when {@code VIGIL_AGENT_PLUGINS} does not say otherwise. */
    public static final Path DEFAULT_DIR = Path.of("/usr/lib/vigil/agents");

    private AgentPlugins() {}

    /** The plugin directories named by {@code VIGIL_AGENT_PLUGINS} (colon-separated), else the default. */
    public static List<Path> directories(Map<String, String> env) {
        String v = env.get("VIGIL_AGENT_PLUGINS");
        if (v == null || v.isBlank()) {
            return List.of(DEFAULT_DIR);
        }
        return Stream.of(v.split(":")).filter(s -> !s.isBlank()).map(Path::of).toList();
    }

    /** A registry of the built-in agents plus every jar found in {@code dirs} (missing dirs are skipped). */
    public static AgentRegistry load(List<Path> dirs) {
        List<URL> jars = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                for (Path jar : s.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                    jars.add(toUrl(jar));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list agent plugin directory " + dir, e);
            }
        }
        if (jars.isEmpty()) {
            return AgentRegistry.load();
        }
        // the plugin loader lives as long as the registry: agents are used for the life of the process
        @SuppressWarnings("resource")
        URLClassLoader loader = new URLClassLoader("vigil-agent-plugins", jars.toArray(URL[]::new), AgentRegistry.class.getClassLoader());
        return AgentRegistry.load(loader);
    }

    private static URL toUrl(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("bad plugin path " + jar, e);
        }
    }
}
