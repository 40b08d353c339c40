package org.vigil.cts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/demo/fence_vigil_demo, the pretend power switch of vigil-demo and vigil-cts: two demos on one host (a
 * developer's and CI's) each have a "node1"; fencing one demo's node1 must leave the other's running.
 */
class DemoPowerSwitchTest {
    static final Path AGENT = Path.of("..", "bin", "demo", "fence_vigil_demo").toAbsolutePath().normalize();

    @TempDir
    Path tmp;
    final List<Process> started = new ArrayList<>();

    @BeforeEach
    void needsLinux() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")) && Files.isExecutable(Path.of("/bin/sh")),
                "skipped: needs Linux /proc and /bin/sh");
        assumeTrue(Files.isExecutable(AGENT), "skipped: " + AGENT + " not found");
    }

    @AfterEach
    void stopLeftovers() {
        started.forEach(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void offKillsOnlyItsOwnDemosNodeOfThatName() throws Exception {
        Machine mine = boot(tmp.resolve("demo-a"), "node1");
        Machine other = boot(tmp.resolve("demo-b"), "node1");

        Result r = agent("action=off\nport=node1\nmachines=" + tmp.resolve("demo-a") + "\n");

        assertEquals(0, r.exit, r.stderr);
        assertTrue(gone(mine.first) && gone(mine.daemonized), "demo-a's node1 is off, its daemon too");
        assertFalse(gone(other.first) || gone(other.daemonized), "demo-b's node1 is untouched");
        assertEquals(List.of(), list(mine.dir.resolve("run")), "a power loss empties the machine's /run");
        assertEquals(List.of("Dummy-web.state"), list(other.dir.resolve("run")));
        String log = Files.readString(tmp.resolve("demo-a").resolve("power.log"));
        assertTrue(log.strip().endsWith(" off node1"), log);
        assertFalse(Files.exists(tmp.resolve("demo-b").resolve("power.log")));
    }

    @Test
    void statusSeesOnlyItsOwnMachines() throws Exception {
        boot(tmp.resolve("demo-a"), "node1");
        Files.createDirectories(tmp.resolve("demo-b").resolve("node1")); // demo-b's node1 is powered off

        assertEquals(2, agent("action=status\nport=node1\nmachines=" + tmp.resolve("demo-b") + "\n").exit,
                "demo-a's running node1 does not make demo-b's node1 look on");
        assertEquals(0, agent("action=status\nport=node1\nmachines=" + tmp.resolve("demo-a") + "\n").exit);
        assertEquals("node1,", agent("action=list\nmachines=" + tmp.resolve("demo-a") + "\n").stdout.strip());
    }

    @Test
    void refusesToGuessWithoutTheMachinesDirectory() throws Exception {
        Machine other = boot(tmp.resolve("demo-b"), "node1");

        Result noDir = agent("action=off\nport=node1\n");
        Result escape = agent("action=off\nport=../demo-b/node1\nmachines=" + tmp.resolve("demo-a") + "\n");

        assertEquals(1, noDir.exit);
        assertTrue(noDir.stderr.contains("no 'machines' parameter"), noDir.stderr);
        assertEquals(1, escape.exit);
        assertTrue(escape.stderr.contains("is not a machine name"), escape.stderr);
        assertFalse(gone(other.first), "nothing was killed");
    }

    record Machine(Path dir, long first, long daemonized) {}

    record Result(int exit, String stdout, String stderr) {}

    /** A pretend machine as the demo boots it: a first process and one it daemonized, both marked. */
    Machine boot(Path machines, String node) throws Exception {
        Path dir = machines.resolve(node);
        Files.createDirectories(dir.resolve("run"));
        Files.writeString(dir.resolve("run").resolve("Dummy-web.state"), "");
        Path childPid = dir.resolve("child.pid");
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c",
                "sleep 300 </dev/null >/dev/null 2>&1 & echo $! > '" + childPid + "'; exec sleep 300");
        pb.environment().put("VIGIL_DEMO_MACHINE", dir.toString());
        pb.environment().put("VIGIL_DEMO_NODE", node); // how the demo marked its processes before
        Process p = pb.start();
        started.add(p);
        Files.writeString(dir.resolve("power.pid"), p.pid() + "\n");
        for (int i = 0; i < 100 && (!Files.exists(childPid) || Files.readString(childPid).isBlank()); i++) {
            Thread.sleep(50);
        }
        long child = Long.parseLong(Files.readString(childPid).strip());
        return new Machine(dir, p.pid(), child);
    }

    Result agent(String stdin) throws Exception {
        Process p = new ProcessBuilder(AGENT.toString()).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the agent finished");
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** Dead or a zombie (a killed child of this JVM stays a zombie until reaped). */
    boolean gone(long pid) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            if (!running(pid)) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return false;
        }
    }

    static List<String> list(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
