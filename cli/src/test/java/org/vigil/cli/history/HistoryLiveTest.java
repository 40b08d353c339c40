package org.vigil.cli.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cli.CliRunner;

/**
 * Two real vigild processes on loopback: the DC records every transition (its input compressed and numbered,
 * its actions and results), {@code crm history} on the other node lists them, {@code crm history transition}
 * replays one through the scheduler with its explanation, and {@code pe-input-series-max} bounds what is kept.
 */
@Timeout(120)
class HistoryLiveTest {
    @TempDir
    Path dir;

    private final Map<String, Process> daemons = new LinkedHashMap<>();

    @AfterEach
    void stop() throws Exception {
        for (Process p : daemons.values()) {
            p.destroy();
        }
        for (Process p : daemons.values()) {
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private void start(Path conf, String node) throws Exception {
        Path state = dir.resolve("state-" + node);
        Files.createDirectories(state);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.net.preferIPv4Stack=true", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "org.vigil.node.Vigild", "--config", conf.toString(), "--node", node, "--state-dir", state.toString(),
                "--socket", state.resolve("vigil.sock").toString(), "--rsctmp", state.resolve("rsctmp").toString(),
                "--shutdown-timeout", "5s"));
        daemons.put(node, new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(node + ".log").toFile()).start());
    }

    private CliRunner crm(String node) {
        return new CliRunner(dir).env("VIGIL_SOCKET", dir.resolve("state-" + node + "/vigil.sock").toString());
    }

    private static void await(String what, Supplier<Boolean> ok) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (ok.get()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not within 60 s: " + what);
    }

    @Test
    void historyListsAndReplaysTransitionsOfALiveClusterFromAnyNode() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("corosync.conf");
        Files.writeString(conf, """
                totem {
                    cluster_name: hist
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
                    node {
                        name: beta
                        nodeid: 2
                        ring0_addr: 127.0.0.2
                    }
                }
                quorum {
                    provider: corosync_votequorum
                    two_node: 1
                }
                """.formatted(port));
        start(conf, "alpha");
        start(conf, "beta");
        // two daemons started together may each elect itself first and settle on one DC when their views merge:
        // wait until both name the same DC in a view holding both
        await("both daemons answer with the same DC", () -> {
            String a = settledDc("alpha");
            return a != null && a.equals(settledDc("beta"));
        });
        String dc = settledDc("alpha");
        String other = dc.equals("alpha") ? "beta" : "alpha";
        assertEquals(0, crm("alpha").sh("crm configure property stonith-enabled=false").code());
        CliRunner.Result add = crm("alpha").sh("crm configure primitive d1 ocf:heartbeat:Dummy");
        assertEquals(0, add.code(), add.err());
        await("a complete transition that started d1, listed on the non-DC", () -> {
            CliRunner.Result r = crm(other).sh("crm history");
            return r.out().lines().anyMatch(l -> l.contains(" complete ") && l.contains("Start d1"));
        });
        CliRunner.Result list = crm(other).sh("crm history");
        assertEquals(0, list.code(), list.err());
        String line = list.out().lines().filter(l -> l.contains("Start d1")).findFirst().orElseThrow();
        assertTrue(line.startsWith(dc + ":"), "the DC's transition, read through " + other + ": " + list.out());
        String id = line.split(" ")[0];

        CliRunner.Result show = crm(other).sh("crm history transition " + id + " scores explain");
        assertEquals(0, show.code(), show.err());
        String out = show.out();
        assertTrue(out.contains("  DC:        " + dc), out);
        assertTrue(out.contains("  result:    complete"), out);
        assertTrue(out.lines().anyMatch(l -> l.trim().startsWith("d1_start_0") && l.contains(" ok ") && l.contains("rc=0")),
                "the start and its result: " + out);
        String replay = out.substring(out.indexOf("Replay of pe-input-"));
        assertTrue(replay.contains("Transition Summary:"), replay);
        assertTrue(replay.lines().anyMatch(l -> l.matches("\\s*\\* Start\\s+d1\\s+\\(\\s*\\S+\\s*\\)\\s*")),
                "the scheduler decides again over the saved input what the DC decided then: " + replay);
        assertTrue(replay.contains("Assignment Scores:") && replay.contains("d1"), replay);
        assertTrue(replay.contains("Why d1 is where it is:"), replay);

        // the input on the DC's disk: compressed, numbered, private
        Path pe = dir.resolve("state-" + dc + "/pe");
        String number = id.substring(id.indexOf(':') + 1);
        Path input = pe.resolve("pe-input-" + number + ".xml.gz");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(input))) {
            String xml = new String(in.readAllBytes());
            assertTrue(xml.contains("execution-date=") && xml.contains("<cib"), xml.substring(0, 200));
        }
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(input)));

        // pe-input-series-max bounds what the DC keeps
        assertEquals(0, crm("alpha").sh("crm configure property pe-input-series-max=1").code());
        assertEquals(0, crm("alpha").sh("crm configure primitive d2 ocf:heartbeat:Dummy").code());
        // the DC writes inputs and prunes old ones off its event thread: wait for both, not just the listing
        await("d2's transition recorded and only one input kept", () -> {
            CliRunner.Result r = crm(dc).sh("crm history");
            return r.out().contains("Start d2") && !r.out().contains("Start d1") && peInputs(pe) == 2;
        });
        assertEquals(2, peInputs(pe), "one input and its record");
        CliRunner.Result missing = crm(dc).sh("crm history transition " + id);
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("no transition '" + id + "'"), missing.err());
    }

    /** The DC {@code node} names in a view with both members, or null. */
    private String settledDc(String node) {
        CliRunner.Result r = crm(node).sh("crm cluster status");
        if (r.code() != 0 || !r.out().contains("Members:        alpha beta")) {
            return null;
        }
        return r.out().lines().filter(l -> l.startsWith("Current DC:")).findFirst().map(l -> l.replaceAll(".*:\\s+",
                "")).filter(d -> !d.equals("NONE")).orElse(null);
    }

    /** The DC's saved inputs and records, or -1 while the directory cannot be listed. */
    private static long peInputs(Path pe) {
        try (var files = Files.list(pe)) {
            return files.filter(f -> f.getFileName().toString().startsWith("pe-input-")).count();
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
