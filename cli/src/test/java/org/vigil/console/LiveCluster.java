package org.vigil.console;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.vigil.cli.CliRunner;

/**
 * Real vigild processes on loopback (node N on 127.0.0.N) with the web console on, run from this module's class
 * path so the console is found as in a real install.
 */
final class LiveCluster implements AutoCloseable {
    private final Path dir;
    private final Map<String, Process> daemons = new LinkedHashMap<>();
    final int consolePort;
    final Path users;

    LiveCluster(Path dir, int nodes) throws Exception {
        this.dir = dir;
        this.users = dir.resolve("console-users");
        int ring = freePort();
        consolePort = freePort();
        StringBuilder list = new StringBuilder();
        for (int i = 1; i <= nodes; i++) {
            list.append("""
                        node {
                            name: node%d
                            nodeid: %d
                            ring0_addr: 127.0.0.%d
                        }
                    """.formatted(i, i, i));
        }
        Path conf = dir.resolve("corosync.conf");
        Files.writeString(conf, """
                totem {
                    cluster_name: console
                    interface {
                        ringnumber: 0
                        mcastport: %d
                    }
                }
                nodelist {
                %s}
                quorum {
                    provider: corosync_votequorum
                    wait_for_all: 1
                }
                vigil {
                    console_port: %d
                    console_users: %s
                }
                """.formatted(ring, list, consolePort, users));
        for (int i = 1; i <= nodes; i++) {
            start(conf, "node" + i);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private void start(Path conf, String node) throws Exception {
        Path state = state(node);
        Files.createDirectories(state);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.net.preferIPv4Stack=true", "-Dsun.net.httpserver.maxReqTime=10",
                "-Dsun.net.httpserver.drainAmount=0", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "org.vigil.node.Vigild", "--config", conf.toString(), "--node", node, "--state-dir", state.toString(),
                "--socket", state.resolve("vigil.sock").toString(), "--rsctmp", state.resolve("rsctmp").toString(),
                "--shutdown-timeout", "5s"));
        daemons.put(node, new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(node + ".log").toFile()).start());
    }

    Path state(String node) {
        return dir.resolve("state-" + node);
    }

    /** The console's certificate, as node N generated it at its first start. */
    Path certificate(String node) {
        return state(node).resolve("console/console-cert.pem");
    }

    String url(int node) {
        return "https://127.0.0.%d:%d".formatted(node, consolePort);
    }

    CliRunner crm(String node) {
        return new CliRunner(dir).env("VIGIL_SOCKET", state(node).resolve("vigil.sock").toString());
    }

    @Override
    public void close() throws Exception {
        for (Process p : daemons.values()) {
            p.destroy();
        }
        for (Process p : daemons.values()) {
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
