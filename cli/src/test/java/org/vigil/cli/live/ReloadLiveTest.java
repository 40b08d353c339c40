package org.vigil.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cli.CliRunner;

/**
 * A real vigild running Pacemaker's own OCF 1.1 agent (ocf:pacemaker:Dummy, from Debian's pacemaker packages):
 * changing a parameter the agent marks reloadable reloads the resource in place (its state file, written by
 * start, is not touched again) and the cluster settles, where changing one that is not restarts it.
 */
@Timeout(120)
class ReloadLiveTest {
    private static final Path AGENT = Path.of("/usr/lib/ocf/resource.d/pacemaker/Dummy");

    @TempDir
    Path dir;

    private Process daemon;

    @AfterEach
    void stop() throws Exception {
        if (daemon != null) {
            daemon.destroy();
            if (!daemon.waitFor(15, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
        }
    }

    private CliRunner crm() {
        return new CliRunner(dir).env("VIGIL_SOCKET", dir.resolve("state/vigil.sock").toString());
    }

    private void await(String what, Supplier<Boolean> ok) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (ok.get()) {
                return;
            }
            Thread.sleep(200);
        }
        List<String> log = Files.readAllLines(dir.resolve("alpha.log"));
        throw new AssertionError("not within 60 s: " + what + "\n" + history() + "\nlast log lines:\n"
                + String.join("\n", log.subList(Math.max(0, log.size() - 30), log.size())));
    }

    @Test
    void aReloadableParameterChangeReloadsInPlaceAndAnyOtherRestarts() throws Exception {
        assumeTrue(Files.isExecutable(AGENT), "skipped: " + AGENT + " is not installed (Debian pacemaker-resource-agents)");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("corosync.conf");
        Files.writeString(conf, """
                totem {
                    cluster_name: reload
                    interface {
                        ringnumber: 0
                        mcastport: %d
                    }
                }
                nodelist {
                    node {
                        name: alpha
                        nodeid: 1
                        ring0_addr: 127.0.0.1
                    }
                }
                quorum {
                    provider: corosync_votequorum
                }
                """.formatted(port));
        Path state = dir.resolve("state");
        Files.createDirectories(state);
        daemon = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.net.preferIPv4Stack=true", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "org.vigil.node.Vigild", "--config", conf.toString(), "--node", "alpha", "--state-dir",
                state.toString(), "--socket", state.resolve("vigil.sock").toString(), "--rsctmp",
                state.resolve("rsctmp").toString(), "--shutdown-timeout", "5s"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("alpha.log").toFile()).start();
        await("alpha is the DC", () -> crm().sh("crm cluster status").out().contains("Current DC:     alpha"));
        assertEquals(0, crm().sh("crm configure property stonith-enabled=false").code());
        Path stateFile = dir.resolve("r.state");
        CliRunner.Result add = crm().sh("crm configure primitive r ocf:pacemaker:Dummy params state=" + stateFile
                + " fake=1 op monitor interval=2s");
        assertEquals(0, add.code(), add.err());
        await("r started", () -> Files.exists(stateFile) && history().contains("Start r"));
        FileTime started = Files.getLastModifiedTime(stateFile);
        Thread.sleep(1100); // a restart would touch the state file again, a second later

        CliRunner.Result set = crm().sh("crm resource param r set fake 2");
        assertEquals(0, set.code(), set.err());
        await("a transition that reloads r", () -> history().contains("Reload r"));
        Thread.sleep(3000); // monitors run again with the new parameters; nothing else should follow
        String afterReload = history();
        assertEquals(1, count(afterReload, "Reload r"), "one reload, and the cluster settled: " + afterReload);
        assertTrue(!afterReload.contains("Restart r") && !afterReload.contains("Stop r"), afterReload);
        assertEquals(started, Files.getLastModifiedTime(stateFile), "the agent was reloaded, not restarted");
        assertTrue(crm().sh("crm status").out().lines().anyMatch(l -> l.contains("r\t") && l.contains("Started alpha")),
                crm().sh("crm status").out());

        Path otherState = dir.resolve("r2.state");
        assertEquals(0, crm().sh("crm resource param r set state " + otherState).code());
        await("a parameter that is not reloadable restarts r", () -> history().contains("Restart r")
                && Files.exists(otherState) && !Files.exists(stateFile));
    }

    private String history() {
        return crm().sh("crm history").out();
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
