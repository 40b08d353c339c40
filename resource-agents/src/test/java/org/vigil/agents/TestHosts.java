package org.vigil.agents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Hosts for tests: a private state dir, emulated tools on PATH, fast polling. */
public final class TestHosts {
    public static final Path DEBIAN_OCF_ROOT = Path.of("/usr/lib/ocf");

    private TestHosts() {}

    public static HostEnvironment host(Path tmp) {
        return HostEnvironment.system()
                .withLocalNode("node1")
                .withStateDir(tmp.resolve("rsctmp"))
                .withOcfRoot(DEBIAN_OCF_ROOT)
                .withPollInterval(Duration.ofMillis(20));
    }

    /**
     * A host whose PATH starts with the named emulators (from src/test/resources/emulators/NAME),
     * copied into {@code tmp/bin} and made executable; {@code EMU_STATE} points at their state dir.
     */
    public static HostEnvironment withEmulators(Path tmp, String... emulators) {
        Path bin = tmp.resolve("bin");
        Path state = tmp.resolve("emu-state");
        try {
            Files.createDirectories(bin);
            Files.createDirectories(state);
            for (String name : emulators) {
                copyEmulator(name, bin);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return host(tmp).withPath(bin + ":/usr/bin:/bin").withEnv("EMU_STATE", state.toString());
    }

    public static void copyEmulator(String name, Path bin) throws IOException {
        String resource = "/emulators/" + name;
        try (InputStream in = TestHosts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no emulator " + resource + " in test resources");
            }
            Path target = bin.resolve(Path.of(name).getFileName().toString());
            Files.write(target, in.readAllBytes());
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    public static Path script(Path dir, String name, String body) throws IOException {
        Files.createDirectories(dir);
        Path p = dir.resolve(name);
        Files.writeString(p, body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    public static AgentResult run(AgentExecutor executor, AgentAction action) {
        CompletableFuture<AgentResult> f = new CompletableFuture<>();
        executor.execute(action, f::complete);
        try {
            return f.get(action.timeout().toMillis() + 10_000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("action did not report: " + action, e);
        }
    }

    public static boolean debianAgentsInstalled() {
        return Files.isExecutable(DEBIAN_OCF_ROOT.resolve("resource.d/heartbeat/Dummy"));
    }

    public static List<String> lines(String s) {
        return s.lines().toList();
    }
}
