package org.vigil.node;


import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;
import org.vigil.ipc.ClusterState;
import org.vigil.ipc.IpcClient;
import org.vigil.ipc.ServiceException;
import org.vigil.scheduler.StatusReader;
import org.vigil.scheduler.StatusReading;

/**
 * Real daemons for the remote and guest node tests: cluster daemons ({@code vigild}) and remote executors
 * ({@code vigild remote}), each a process of its own on loopback, talked to as crm does (their IPC sockets), with
 * their output kept for failure messages.
 */
abstract class LiveRemoteNodes {
    static final List<String> CLUSTER = List.of("alpha", "beta");

    @TempDir
    Path dir;

    final Map<String, Process> processes = new LinkedHashMap<>();
    final Map<String, StringBuffer> output = new LinkedHashMap<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process p : processes.values()) {
            p.destroyForcibly();
        }
        for (Process p : processes.values()) {
            p.waitFor(10, TimeUnit.SECONDS);
        }
        // a guest's executor is the container agent's child, which leaves the daemon's process tree: it is found
        // by this test's own directory on its command line
        String mine = dir.toString() + java.io.File.separator;
        ProcessHandle.allProcesses().filter(h -> h.info().commandLine().map(c -> c.contains(mine)).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
    }

    /** A fresh cluster key in this test's directory, shared by the cluster nodes and the remote executors. */
    Path clusterKey() throws Exception {
        Path key = dir.resolve("authkey");
        ClusterKey.generate(key, false, new java.security.SecureRandom());
        return key;
    }

    static int freePort(String address) throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(address))) {
            return s.getLocalPort();
        }
    }

    Path config(Path key) throws Exception {
        Path f = dir.resolve("corosync.conf");
        Files.writeString(f, """
                totem {
                    cluster_name: remotes
                    secauth: on
                    keyfile: %s
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
                }
                logging {
                    to_stderr: yes
                }
                """.formatted(key, freePort("127.0.0.1")));
        return f;
    }

    /** {@code vigild ARGS} in a JVM of its own, its output kept for the failure messages. */
    Process vigild(String name, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Djava.net.preferIPv4Stack=true", "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), Vigild.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("HA_RSCTMP");
        Process p = pb.start();
        StringBuffer out = new StringBuffer();
        output.put(name, out);
        processes.put(name, p);
        Thread drain = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.append(line).append('\n');
                }
            } catch (java.io.IOException e) {
                // the process is gone
            }
        }, "output-" + name);
        drain.setDaemon(true);
        drain.start();
        return p;
    }

    /** {@code vigild remote} on 127.0.0.1:{@code port}, its agents' state in {@link #rsctmp}; waits until it listens. */
    Process startRemote(String name, Path key, int port) throws Exception {
        Process p = vigild(name, "remote", "--key", key.toString(), "--listen", "127.0.0.1", "--port",
                Integer.toString(port), "--rsctmp", rsctmp(dir, name).toString());
        int before = count(output.get(name).toString(), "remote node listening on");
        await(name + " listens", Duration.ofSeconds(60),
                () -> count(output.get(name).toString(), "remote node listening on 127.0.0.1:" + port) > before);
        return p;
    }

    /**
     * The command line of a guest's executor ({@code vigild remote} on 127.0.0.1:{@code port}), for a container
     * resource that stands in for a virtual machine whose image starts one.
     */
    String guestCommand(Path key, int port, String guest) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return String.join(" ", java, "-Djava.net.preferIPv4Stack=true", "-Xmx128m", "-cp",
                System.getProperty("java.class.path"), Vigild.class.getName(), "remote", "--key", key.toString(),
                "--listen", "127.0.0.1", "--port", Integer.toString(port), "--rsctmp", rsctmp(dir, guest).toString());
    }

    /** Starts the two cluster daemons and waits for their DC; returns its name. */
    String startCluster(Path key) throws Exception {
        Path conf = config(key);
        for (String n : CLUSTER) {
            Path state = dir.resolve("state-" + n);
            vigild(n, "--config", conf.toString(), "--node", n, "--state-dir", state.toString(), "--socket",
                    state.resolve("vigil.sock").toString(), "--rsctmp", rsctmp(dir, n).toString());
        }
        await("one DC for both members", Duration.ofSeconds(60), () -> CLUSTER.stream().allMatch(n -> {
            ClusterState s = state(n);
            return s != null && s.dc() != null && s.members().equals(CLUSTER);
        }));
        String dc = state("alpha").dc();
        await("the DC wrote both nodes into the configuration", Duration.ofSeconds(30),
                () -> dcCib().configuration().nodes().size() == 2);
        return dc;
    }

    /** Commits resources, constraints and cluster properties (name=value pairs) into the empty configuration. */
    void configure(String dc, String resources, String constraints, Map<String, String> properties)
            throws Exception {
        Cib current = crm(dc).cib();
        StringBuilder props = new StringBuilder("<crm_config><cluster_property_set id=\"opts\">");
        properties.forEach((n, v) -> props.append("<nvpair id=\"opts-").append(n).append("\" name=\"").append(n)
                .append("\" value=\"").append(v).append("\"/>"));
        props.append("</cluster_property_set></crm_config>");
        crm(dc).commit(CibXml.parse(CibXml.write(current)
                .replace("<resources/>", "<resources>" + resources + "</resources>")
                .replace("<constraints/>", "<constraints>" + constraints + "</constraints>")
                .replace("<crm_config/>", props.toString())), current.version());
    }

    /** Changes the configuration as {@code edit} says, against the DC's current CIB. */
    void reconfigure(java.util.function.UnaryOperator<String> edit) throws Exception {
        String dc = state("alpha").dc();
        Cib current = crm(dc).cib();
        crm(dc).commit(CibXml.parse(edit.apply(CibXml.write(current))), current.version());
    }

    /** The actions of every transition so far, as crm history lists them ("task rsc on node"). */
    List<String> actionsSoFar() {
        try {
            String dc = state("alpha").dc();
            return crm(dc).history().transitions().stream().flatMap(t -> t.actions().stream())
                    .map(a -> a.key() + " on " + a.node() + " " + a.result()).toList();
        } catch (ServiceException | RuntimeException e) {
            return List.of();
        }
    }

    static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    IpcClient crm(String node) {
        return new IpcClient(dir.resolve("state-" + node).resolve("vigil.sock"), Duration.ofSeconds(2),
                Duration.ofSeconds(10));
    }

    ClusterState state(String node) {
        try {
            return crm(node).state();
        } catch (ServiceException e) {
            return null;
        }
    }

    /** The DC's CIB, as crm reads it from the DC's socket (empty while there is no DC). */
    Cib dcCib() {
        ClusterState s = state("alpha");
        if (s == null || s.dc() == null) {
            s = state("beta");
        }
        if (s == null || s.dc() == null) {
            return Cib.empty();
        }
        try {
            return crm(s.dc()).cib();
        } catch (ServiceException e) {
            return Cib.empty();
        }
    }

    void await(String what, Duration limit, Supplier<Boolean> ok) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (ok.get()) {
                return;
            }
            Thread.sleep(25);
        }
        throw failure("not within " + limit.toSeconds() + " s: " + what);
    }

    AssertionError failure(String what) {
        StringBuilder b = new StringBuilder(what);
        output.forEach((name, out) -> {
            String[] lines = out.toString().split("\n");
            b.append("\n--- ").append(name).append(" ...\n").append(String.join("\n",
                    List.of(lines).subList(Math.max(0, lines.length - 60), lines.length)));
        });
        return new AssertionError(b.toString());
    }

    void check(boolean ok, String what) {
        if (!ok) {
            throw failure(what);
        }
    }

    /** Where crm status (the scheduler's reading of the DC's CIB) shows {@code rsc} active, and whether failed. */
    List<String> activeOn(Cib cib, String rsc) {
        StatusReading s = StatusReader.read(cib, Instant.now());
        return s.resources().stream().filter(i -> i.id().equals(rsc) && !i.failed()).findFirst()
                .map(StatusReading.Item::nodes).orElse(List.of());
    }

    static boolean online(Cib cib, String node) {
        return StatusReader.read(cib, Instant.now()).nodes().stream().anyMatch(n -> n.name().equals(node) && n.online());
    }

    /** The status holds a successful recurring monitor of {@code rsc} on {@code node}. */
    static boolean monitored(Cib cib, String node, String rsc) {
        return cib.status().nodeState(node).map(s -> s.lrm() != null && s.lrm().resources().stream()
                .filter(r -> r.id().equals(rsc)).flatMap(r -> r.ops().stream())
                .anyMatch(op -> op.intervalMs() > 0 && op.rc() == 0)).orElse(false);
    }

    static Path rsctmp(Path dir, String node) {
        return dir.resolve("rsctmp-" + node);
    }
}
