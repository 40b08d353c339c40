package org.vigil.agents;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The world an agent runs in: environment variables (notably PATH, where native agents find
 * {@code xl}, {@code drbdadm}, ...), the local node name, OCF root, a writable state directory
 * (HA_RSCTMP), the mount table path, the device directory (/dev), fence agent directories, node attributes and the polling
 * interval of agents that wait for something. Injected so tests can use emulated tools and files.
 */
public record HostEnvironment(
        Map<String, String> env,
        String localNode,
        Path ocfRoot,
        Path stateDir,
        Path procMounts,
        Path devRoot,
        List<Path> fenceAgentDirs,
        NodeAttributes nodeAttributes,
        Duration pollInterval) {

    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public HostEnvironment {
        env = Map.copyOf(env);
        Objects.requireNonNull(localNode, "localNode");
        Objects.requireNonNull(ocfRoot, "ocfRoot");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(procMounts, "procMounts");
        Objects.requireNonNull(devRoot, "devRoot");
        fenceAgentDirs = List.copyOf(fenceAgentDirs);
        Objects.requireNonNull(nodeAttributes, "nodeAttributes");
        Objects.requireNonNull(pollInterval, "pollInterval");
    }

    /** The real host: the JVM's environment, {@code /usr/lib/ocf}, {@code /proc/mounts}, Debian's fence agents. */
    public static HostEnvironment system() {
        Map<String, String> sys = System.getenv();
        Map<String, String> env = new HashMap<>(sys);
        env.putIfAbsent("PATH", DEFAULT_PATH);
        Path ocfRoot = Path.of(sys.getOrDefault("OCF_ROOT", "/usr/lib/ocf"));
        Path stateDir;
        if (sys.containsKey("HA_RSCTMP")) {
            stateDir = Path.of(sys.get("HA_RSCTMP"));
        } else if (sys.containsKey("VIGIL_STATE_DIR")) {
            stateDir = Path.of(sys.get("VIGIL_STATE_DIR"), "rsctmp");
        } else {
            stateDir = Path.of("/tmp/vigil-rsctmp");
        }
        return new HostEnvironment(env, hostName(), ocfRoot, stateDir, Path.of("/proc/mounts"), Path.of("/dev"),
                List.of(Path.of("/usr/sbin"), Path.of("/sbin"), Path.of("/usr/local/sbin")),
                NodeAttributes.none(), Duration.ofSeconds(1));
    }

    private static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (java.io.IOException e) {
            return System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
    }

    public String path() {
        return env.getOrDefault("PATH", DEFAULT_PATH);
    }

    public HostEnvironment withEnv(String name, String value) {
        Map<String, String> e = new HashMap<>(env);
        e.put(name, value);
        return new HostEnvironment(e, localNode, ocfRoot, stateDir, procMounts, devRoot, fenceAgentDirs, nodeAttributes, pollInterval);
    }

    public HostEnvironment withPath(String path) {
        return withEnv("PATH", path);
    }

    public HostEnvironment withLocalNode(String node) {
        return new HostEnvironment(env, node, ocfRoot, stateDir, procMounts, devRoot, fenceAgentDirs, nodeAttributes, pollInterval);
    }

    public HostEnvironment withOcfRoot(Path root) {
        return new HostEnvironment(env, localNode, root, stateDir, procMounts, devRoot, fenceAgentDirs, nodeAttributes, pollInterval);
    }

    public HostEnvironment withStateDir(Path dir) {
        return new HostEnvironment(env, localNode, ocfRoot, dir, procMounts, devRoot, fenceAgentDirs, nodeAttributes, pollInterval);
    }

    public HostEnvironment withProcMounts(Path mounts) {
        return new HostEnvironment(env, localNode, ocfRoot, stateDir, mounts, devRoot, fenceAgentDirs, nodeAttributes, pollInterval);
    }

    public HostEnvironment withDevRoot(Path dev) {
        return new HostEnvironment(env, localNode, ocfRoot, stateDir, procMounts, dev, fenceAgentDirs, nodeAttributes, pollInterval);
    }

    public HostEnvironment withFenceAgentDirs(List<Path> dirs) {
        return new HostEnvironment(env, localNode, ocfRoot, stateDir, procMounts, devRoot, dirs, nodeAttributes, pollInterval);
    }

    public HostEnvironment withNodeAttributes(NodeAttributes attrs) {
        return new HostEnvironment(env, localNode, ocfRoot, stateDir, procMounts, devRoot, fenceAgentDirs, attrs, pollInterval);
    }

    public HostEnvironment withPollInterval(Duration interval) {
        return new HostEnvironment(env, localNode, ocfRoot, stateDir, procMounts, devRoot, fenceAgentDirs, nodeAttributes, interval);
    }
}
