package org.vigil.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the example plugin (src/test/example-plugin, the one docs/agents.md shows) into a jar
 * with the JDK's compiler, the way a plugin author's build would, and loads it from a plugin
 * directory through {@link AgentPlugins} and ServiceLoader.
 */
class ExamplePluginTest {
    private static final Path PLUGIN_SRC = Path.of("src/test/example-plugin");

    @TempDir
    Path tmp;

    static Path buildPluginJar(Path work) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "a JDK (not a JRE) is needed to compile the example plugin");
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--release", "17",
                "-cp", System.getProperty("java.class.path")));
        try (Stream<Path> s = Files.walk(PLUGIN_SRC.resolve("src"))) {
            s.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        int rc = javac.run(null, null, null, args.toArray(String[]::new));
        assertEquals(0, rc, "example plugin must compile against the SPI");
        Path pluginDir = Files.createDirectories(work.resolve("plugins"));
        Path jar = pluginDir.resolve("motd-agent.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            add(out, classes);
            add(out, PLUGIN_SRC.resolve("resources"));
        }
        return jar;
    }

    private static void add(JarOutputStream out, Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(root.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
    }

    @Test
    void examplePluginJarLoadsThroughTheRegistryAndRuns() throws Exception {
        Path jar = buildPluginJar(tmp);
        AgentRegistry registry = AgentPlugins.load(List.of(jar.getParent()));
        AgentId motd = AgentId.parse("ocf:example:motd");
        ResolvedAgent resolved = registry.resolve(motd, TestHosts.host(tmp)).orElseThrow();
        assertTrue(resolved.describe().contains("org.example.vigil.MotdAgent"), resolved.describe());
        assertTrue(registry.nativeAgent(AgentId.parse("ocf:heartbeat:Xen")).isPresent(), "built-in agents stay available");
        assertTrue(registry.list(TestHosts.host(tmp), java.util.Optional.of("ocf:example")).contains(motd));

        Path file = tmp.resolve("motd");
        Map<String, String> p = Map.of("file", file.toString(), "text", "maintenance at 22:00");
        try (LocalAgentExecutor ex = new LocalAgentExecutor(registry, TestHosts.host(tmp))) {
            assertEquals(OcfStatus.NOT_RUNNING, TestHosts.run(ex, AgentAction.of(motd, "motd", ActionName.MONITOR, p, Duration.ofSeconds(5))).status());
            assertEquals(OcfStatus.SUCCESS, TestHosts.run(ex, AgentAction.of(motd, "motd", ActionName.START, p, Duration.ofSeconds(5))).status());
            assertEquals("maintenance at 22:00", Files.readString(file).strip());
            assertEquals(OcfStatus.SUCCESS, TestHosts.run(ex, AgentAction.of(motd, "motd", ActionName.MONITOR, p, Duration.ofSeconds(5))).status());
            assertEquals(OcfStatus.ERR_CONFIGURED, TestHosts.run(ex, AgentAction.of(motd, "motd", ActionName.START, Map.of(), Duration.ofSeconds(5))).status());
            AgentResult md = TestHosts.run(ex, AgentAction.of(motd, "motd", ActionName.META_DATA, Map.of(), Duration.ofSeconds(5)));
            assertEquals("motd", MetadataXml.parse("ocf:example:motd", md.output()).name());
            assertEquals(OcfStatus.SUCCESS, TestHosts.run(ex, AgentAction.of(motd, "motd", ActionName.STOP, p, Duration.ofSeconds(5))).status());
        }
    }

    @Test
    void aMissingPluginDirectoryLeavesTheBuiltInAgents() {
        AgentRegistry registry = AgentPlugins.load(List.of(tmp.resolve("nope")));
        assertTrue(registry.nativeAgent(AgentId.parse("ocf:linbit:drbd")).isPresent());
    }

    @Test
    void pluginDirectoriesComeFromTheEnvironment() {
        assertEquals(List.of(Path.of("/a"), Path.of("/b")), AgentPlugins.directories(Map.of("VIGIL_AGENT_PLUGINS", "/a:/b")));
        assertEquals(List.of(AgentPlugins.DEFAULT_DIR), AgentPlugins.directories(Map.of()));
    }
}
