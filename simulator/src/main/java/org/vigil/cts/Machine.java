package org.vigil.cts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One pretend machine of the suite's cluster: a directory (its disk: the CIB store; and {@code run/}, its /run,
 * emptied at every boot and by the power switch) and a vigild process. Every process of the machine carries
 * {@code VIGIL_DEMO_MACHINE=DIR} and {@code DIR/power.pid} names its vigild: that is what bin/demo/fence_vigil_demo,
 * the cluster's fence device, powers off. The suite keeps track of what it did to the machine (crashed, hung,
 * stopped) to tell what the machine's state ought to be.
 */
final class Machine {
    /** What the machine is, as far as the suite can tell. */
    enum Power {
        /** vigild runs and is not stopped. */
        ON,
        /** vigild runs but is stopped (SIGSTOP). */
        HUNG,
        /** vigild was asked to stop (SIGTERM) and is still moving its resources away. */
        STOPPING,
        /** vigild is gone but the machine was not powered off: its resources may still run (needs fencing). */
        CRASHED,
        /** vigild is gone and nothing of the machine runs: fenced, or stopped cleanly. */
        OFF
    }

    final String name;
    final Path dir;
    private Process process;
    private Instant bootedAt = Instant.EPOCH;
    private boolean hung;
    private boolean crashedByUs;
    private boolean stoppedByUs;
    private Instant seenDead;

    Machine(String name, Path dir) {
        this.name = name;
        this.dir = dir;
    }

    Path run() {
        return dir.resolve("run");
    }

    Path rsctmp() {
        return run().resolve("resource-agents");
    }

    Path socket() {
        return dir.resolve("vigil.sock");
    }

    Path log() {
        return dir.getParent().resolve(name + ".log");
    }

    /** Boots the machine: an empty /run, then vigild on the node's network, in a session of its own. */
    void boot(List<String> networkPrefix, List<String> vigild, Map<String, String> env) throws CtsException {
        try {
            Files.createDirectories(dir);
            wipe(run());
            Files.createDirectories(rsctmp());
        } catch (IOException e) {
            throw new CtsException("cannot prepare " + run() + ": " + e.getMessage());
        }
        List<String> cmd = new ArrayList<>();
        cmd.add("setsid"); // Ctrl-C at the terminal reaches the suite, which powers the machines off itself
        cmd.addAll(networkPrefix);
        cmd.addAll(vigild);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().putAll(env);
        pb.environment().put("VIGIL_DEMO_MACHINE", dir.toString());
        pb.environment().put("HA_VARRUN", run() + "/");
        try {
            process = pb.start();
            Files.writeString(dir.resolve("power.pid"), process.pid() + "\n");
        } catch (IOException e) {
            throw new CtsException("cannot start vigild for " + name + ": " + e.getMessage());
        }
        bootedAt = Instant.now();
        seenDead = null;
        hung = false;
        crashedByUs = false;
        stoppedByUs = false;
    }

    Instant bootedAt() {
        return bootedAt;
    }

    long pid() {
        return process == null ? -1 : process.pid();
    }

    boolean daemonAlive() {
        return process != null && process.isAlive();
    }

    /** The exit code of a vigild that is gone, or null. */
    Integer exitCode() {
        return process == null || process.isAlive() ? null : process.exitValue();
    }

    void markHung(boolean h) {
        hung = h;
    }

    void markCrashed() {
        crashedByUs = true;
    }

    void markStopping() {
        stoppedByUs = true;
    }

    boolean stoppingCleanly() {
        return stoppedByUs;
    }

    /**
     * The machine's power state. A vigild that is gone counts as crashed (needing a fence) when the suite killed it
     * or it exited on its own, until the power switch logged an "off" for this machine since its boot.
     */
    Power power(PowerLog powerLog) {
        if (daemonAlive()) {
            return hung ? Power.HUNG : stoppedByUs ? Power.STOPPING : Power.ON;
        }
        if (process == null || powerLog.offSince(name, bootedAt)) {
            return Power.OFF;
        }
        if (crashedByUs) {
            return Power.CRASHED;
        }
        // a clean stop (SIGTERM, exit 0) leaves nothing running; any other exit is a crash
        return stoppedByUs && cleanExit(process.exitValue()) ? Power.OFF : Power.CRASHED;
    }

    /** A JVM that ran its shutdown hooks after SIGTERM exits 143 (128 + 15), or 0 when it calls exit itself. */
    static boolean cleanExit(int code) {
        return code == 0 || code == 143;
    }

    /**
     * Did vigild exit although nobody killed, fenced or stopped it? Judged only once it has been gone for a few
     * seconds: the power switch logs its "off" after the machine's processes are dead.
     */
    boolean exitedOnItsOwn(PowerLog powerLog) {
        if (process == null || process.isAlive() || crashedByUs || stoppedByUs) {
            return false;
        }
        Instant now = Instant.now();
        if (seenDead == null) {
            seenDead = now;
        }
        return now.isAfter(seenDead.plusSeconds(3)) && !powerLog.offSince(name, bootedAt);
    }

    /** The last lines of the machine's vigild log, for audit findings. */
    List<String> logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log());
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(no log: " + e.getMessage() + ")");
        }
    }

    static void wipe(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                if (!p.equals(dir)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
