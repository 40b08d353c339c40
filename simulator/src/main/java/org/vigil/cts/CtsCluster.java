package org.vigil.cts;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The suite's cluster: its network, its pretend machines (each a vigild), the cluster key and corosync.conf, the
 * resources it runs, and the one way everything is taken down again ({@link #close()}, also from Ctrl-C).
 */
final class CtsCluster implements AutoCloseable {
    final List<Machine> machines = new ArrayList<>();
    final List<String> names = new ArrayList<>();
    final Shell shell;
    final Path root;
    final Path work;
    final PowerLog powerLog;
    final ClusterProbe probe;
    final Operator operator;
    private volatile boolean keep;
    private final AtomicBoolean closed = new AtomicBoolean();
    private ClusterNetwork net;
    private Path conf;

    private CtsCluster(Path root, Path work, int nodes, boolean keep) {
        this.root = root;
        this.work = work;
        this.keep = keep;
        this.shell = new Shell(work.resolve("cts.log"));
        this.powerLog = new PowerLog(work.resolve("power.log"));
        for (int i = 1; i <= nodes; i++) {
            names.add("node" + i);
            machines.add(new Machine("node" + i, work.resolve("node" + i)));
        }
        this.probe = new ClusterProbe(machines, powerLog, Duration.ofSeconds(2));
        this.operator = new Operator(work, Duration.ofSeconds(45));
    }

    /** Makes the network and configuration files; boots nothing yet. */
    static CtsCluster prepare(Path root, Path work, int nodes, boolean keep, boolean loopbackOnly, Random random,
            PrintStream out) throws CtsException {
        CtsCluster c = new CtsCluster(root, work, nodes, keep);
        String tag = Long.toHexString(random.nextLong() & 0xffffffL | 0x1000000L).substring(1);
        if (loopbackOnly) {
            c.net = LoopbackNetwork.create(c.shell, tag, c.names, random, work);
            out.println("network: " + c.net.describe() + " (--no-netns)");
        } else {
            try {
                c.net = NamespaceNetwork.create(c.shell, tag, c.names, work);
                out.println("network: " + c.net.describe());
            } catch (CtsException e) {
                out.println("network namespaces are not available (" + e.getMessage() + "): falling back to 127.x.y.z"
                        + " on this host's loopback");
                c.net = LoopbackNetwork.create(c.shell, tag, c.names, random, work);
                out.println("network: " + c.net.describe());
            }
        }
        c.writeConfiguration();
        return c;
    }

    /** Closed: the run was interrupted (or is over); what is still seen is the clean-up, not the cluster. */
    boolean isClosed() {
        return closed.get();
    }

    /** Keep the working directory (logs, state) when closing. */
    void keepWorkDirectory() {
        keep = true;
    }

    ClusterNetwork network() {
        return net;
    }

    private void writeConfiguration() throws CtsException {
        Path key = work.resolve("authkey");
        Shell.Result r = shell.run(List.of(root.resolve("bin/vigild").toString(), "keygen", "--output", key.toString()),
                null, Duration.ofMinutes(5));
        if (!r.ok()) {
            throw new CtsException("vigild keygen failed: " + r.firstLine());
        }
        conf = work.resolve("corosync.conf");
        write(conf, CorosyncConf.render("cts", key, names, net));
        write(work.resolve("cluster.crm"), configuration());
    }

    /** The resources: two Dummy primitives, a group of two, a promotable Stateful clone and the demo fence device. */
    String configuration() {
        return "property stonith-enabled=true cluster-recheck-interval=1min\n"
                + "rsc_defaults resource-stickiness=100\n"
                + "primitive fence-cts stonith:fence_vigil_demo params pcmk_host_list=\"" + String.join(" ", names)
                + "\" machines=\"" + work + "\" op monitor interval=60s\n"
                + "primitive d1 ocf:heartbeat:Dummy op monitor interval=2s\n"
                + "primitive d2 ocf:heartbeat:Dummy op monitor interval=3s\n"
                + "primitive web-ip ocf:heartbeat:Dummy op monitor interval=2s\n"
                + "primitive web-srv ocf:heartbeat:Dummy op monitor interval=2s\n"
                + "group web web-ip web-srv\n"
                + "primitive db ocf:pacemaker:Stateful op monitor interval=3s role=Promoted"
                + " op monitor interval=4s role=Unpromoted\n"
                + "clone db-clone db meta promotable=true promoted-max=1 notify=false\n";
    }

    Path configurationFile() {
        return work.resolve("cluster.crm");
    }

    Machine machine(String name) {
        return machines.get(names.indexOf(name));
    }

    void boot(Machine m) throws CtsException {
        List<String> vigild = List.of(root.resolve("bin/vigild").toString(), "--config", conf.toString(), "--node",
                m.name, "--state-dir", m.dir.toString(), "--socket", m.socket().toString(), "--rsctmp",
                m.rsctmp().toString(), "--shutdown-timeout", "30s");
        Map<String, String> env = new HashMap<>();
        env.put("VIGIL_FENCE_AGENT_DIRS", root.resolve("bin/demo").toString());
        // three daemons and the suite share the machine: small heaps, the serial collector, the quick compiler
        env.put("VIGIL_JAVA_OPTS", System.getenv().getOrDefault("VIGIL_JAVA_OPTS",
                "-XX:+UseSerialGC -Xmx256m -XX:TieredStopAtLevel=1"));
        m.boot(net.launchPrefix(m.name), vigild, env);
        shell.note("booted " + m.name + " (vigild pid " + m.pid() + ")");
    }

    /** Sends a signal (KILL, STOP, CONT, TERM) to the machine's vigild. */
    void signal(Machine m, String signal) throws CtsException {
        if (m.pid() < 0) {
            throw new CtsException(m.name + " has no vigild to send SIG" + signal + " to");
        }
        shell.check(List.of("kill", "-" + signal, Long.toString(m.pid())));
    }

    /** Powers a machine off through the cluster's own power switch (cleanup, or an unfenced crash the suite ends). */
    void powerOff(Machine m) {
        shell.run(List.of(root.resolve("bin/demo/fence_vigil_demo").toString()),
                "action=off\nport=" + m.name + "\nmachines=" + work + "\n", Duration.ofSeconds(20));
    }

    private static void write(Path p, String text) throws CtsException {
        try {
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new CtsException("cannot write " + p + ": " + e.getMessage());
        }
    }

    /** Everything off and removed: machines, cuts, namespaces, and the working directory unless kept. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (Machine m : machines) {
            if (Files.isDirectory(m.dir)) {
                powerOff(m);
            }
        }
        if (net != null) {
            try {
                net.heal();
            } catch (CtsException e) {
                shell.note("heal on exit: " + e.getMessage());
            }
            net.close();
        }
        if (!keep) {
            try {
                Machine.wipe(work);
                Files.deleteIfExists(work);
            } catch (IOException e) {
                System.err.println("vigil-cts: could not remove " + work + ": " + e.getMessage());
            }
        }
    }
}
