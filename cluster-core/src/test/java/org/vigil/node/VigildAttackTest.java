package org.vigil.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;
import org.vigil.ipc.ClusterState;
import org.vigil.ipc.IpcClient;
import org.vigil.membership.ClusterPortAttackTest;

/**
 * Issue 14's attacks replayed against whole daemons (membership, controller, fencing, CIB store, IPC socket):
 * three nodes on loopback over TLS with the cluster key and fencing enabled, as a production cluster runs.
 */
@Timeout(150)
class VigildAttackTest {
    private static final String ATTACKER = "127.0.0.99";
    private static final List<String> NAMES = List.of("alpha", "beta", "gamma");

    @TempDir
    Path dir;

    private final Map<String, NodeRunner.Running> nodes = new LinkedHashMap<>();
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    @AfterEach
    void stopAll() {
        nodes.values().forEach(NodeRunner.Running::close);
    }

    private Path config() throws Exception {
        Path key = dir.resolve("authkey");
        ClusterKey.generate(key, false, new SecureRandom());
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        StringBuilder nodelist = new StringBuilder();
        for (int i = 0; i < NAMES.size(); i++) {
            nodelist.append("    node {\n        name: %s\n        nodeid: %d\n        ring0_addr: 127.0.0.%d\n    }\n"
                    .formatted(NAMES.get(i), i + 1, i + 1));
        }
        Path f = dir.resolve("corosync.conf");
        Files.writeString(f, """
                totem {
                    cluster_name: guarded
                    crypto_cipher: aes256
                    crypto_hash: sha256
                    keyfile: %s
                    interface {
                        ringnumber: 0
                        mcastport: %d
                    }
                }
                nodelist {
                %s}
                quorum {
                    provider: corosync_votequorum
                }
                logging {
                    to_stderr: yes
                }
                """.formatted(key, port, nodelist));
        return f;
    }

    private Path socket(String n) {
        return dir.resolve("state-" + n + "/vigil.sock");
    }

    private ClusterDaemon daemon(String n) {
        return nodes.get(n).daemon();
    }

    private void await(String what, Supplier<Boolean> ok) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            if (ok.get()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not within 30 s: " + what + "\n" + logs.toString(StandardCharsets.UTF_8));
    }

    private String dc() {
        return nodes.values().stream().filter(r -> r.daemon().isDc()).map(NodeRunner.Running::node).findFirst()
                .orElse(null);
    }

    /** Three nodes over TLS, one DC, and fencing on with a device that records whom it fenced. */
    private void startFencedCluster() throws Exception {
        Path conf = config();
        for (String n : NAMES) {
            DaemonLog log = new DaemonLog(new PrintStream(logs, true, StandardCharsets.UTF_8));
            // agents' run-time directory outside the state directory, as in production (/run/resource-agents)
            nodes.put(n, NodeRunner.start(conf, n, new NodeRunner.Options(dir.resolve("state-" + n),
                    Duration.ofSeconds(20), socket(n).toString(), null, dir.resolve("rsctmp-" + n)), log));
        }
        await("one DC for three members", () -> dc() != null && nodes.values().stream().allMatch(r ->
                r.daemon().view() != null && r.daemon().view().members().size() == 3
                        && dc().equals(r.daemon().view().dc())
                        && r.daemon().cib().configuration().nodes().size() == 3));
        Path fenced = Files.createDirectories(dir.resolve("fenced"));
        ClusterDaemon d = daemon(dc());
        Cib current = d.cib();
        Cib proposed = CibXml.parse(CibXml.write(current)
                .replace("<crm_config/>", "<crm_config><cluster_property_set id=\"opts\"><nvpair id=\"opts-stonith\""
                        + " name=\"stonith-enabled\" value=\"true\"/></cluster_property_set></crm_config>")
                .replace("<resources/>", "<resources><primitive id=\"fence\" class=\"stonith\" type=\"fence_vigil_file\">"
                        + "<instance_attributes id=\"fence-ia\"><nvpair id=\"fence-dir\" name=\"state_dir\" value=\""
                        + fenced + "\"/><nvpair id=\"fence-hosts\" name=\"hosts\" value=\"alpha beta gamma\"/>"
                        + "</instance_attributes></primitive><primitive id=\"d1\" class=\"ocf\" provider=\"heartbeat\""
                        + " type=\"Dummy\"/></resources>"));
        d.commit(proposed, current.version()).get(20, TimeUnit.SECONDS);
        await("fencing on everywhere", () -> nodes.values().stream().allMatch(r ->
                r.daemon().cib().configuration().resource("fence").isPresent()));
    }

    /**
     * Every TCP port this process listens on at {@code address} (the kernel's table, matched to this process's
     * sockets: whatever the daemons opened, and nothing that belongs to another program on the machine).
     */
    private static List<Integer> listeningPorts(String address) throws IOException {
        TreeSet<String> ownSockets = new TreeSet<>();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        ownSockets.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while listing: not a listening socket of ours
                }
            }
        }
        byte[] a = InetAddress.getByName(address).getAddress();
        String local = String.format("%02X%02X%02X%02X", a[3], a[2], a[1], a[0]);
        List<Integer> out = new ArrayList<>();
        List<String> table = Files.readAllLines(Path.of("/proc/net/tcp"));
        for (String line : table.subList(1, table.size())) {
            String[] f = line.trim().split("\\s+");
            String[] addr = f[1].split(":");
            if (f[3].equals("0A") && ownSockets.contains(f[9])
                    && (addr[0].equals(local) || addr[0].equals("00000000"))) {
                out.add(Integer.parseInt(addr[1], 16));
            }
        }
        return out;
    }

    private static long rssBytes() throws IOException {
        System.gc();
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS");
    }

    private static Socket fromAttacker(InetSocketAddress to) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(ATTACKER), 0));
        s.connect(to, 1000);
        return s;
    }

    @Test
    void frameAttackOnEveryListeningPortLeavesTheNodeAMemberUnfencedAndCostsNoMemory() throws Exception {
        startFencedCluster();
        String victim = NAMES.stream().filter(n -> !n.equals(dc())).findFirst().orElseThrow();
        String address = "127.0.0." + (NAMES.indexOf(victim) + 1);
        int ringPort = Integer.parseInt(Files.readString(dir.resolve("corosync.conf"))
                .replaceAll("(?s).*mcastport: (\\d+).*", "$1"));
        TreeSet<Integer> ports = new TreeSet<>(listeningPorts(address));
        for (int p = ringPort + 100; p <= ringPort + 103; p++) {
            assertTrue(!ports.contains(p), "no FD_SOCK2 port (ring port + 100..103) any more: " + ports);
        }
        long before = rssBytes();
        List<Socket> attack = new ArrayList<>();
        List<Integer> attacked = new ArrayList<>();
        for (int port : ports) {
            for (int i = 0; i < 4; i++) {
                try {
                    Socket s = fromAttacker(new InetSocketAddress(address, port));
                    s.getOutputStream().write(ClusterPortAttackTest.hugeFrameHeader());
                    s.getOutputStream().flush();
                    attack.add(s);
                    if (!attacked.contains(port)) {
                        attacked.add(port);
                    }
                } catch (IOException e) {
                    // nothing listens there, or it hung up at once
                }
            }
        }
        assertTrue(attacked.contains(ringPort), "the ring port took the attack: " + attacked);
        try {
            Thread.sleep(20_000);
            for (String n : NAMES) {
                assertEquals(NAMES, daemon(n).view().members(), n + "'s view 20 s on");
                assertEquals(List.of(), daemon(n).fenceHistory(), n + " fenced nobody");
            }
            try (var fencedFiles = Files.list(dir.resolve("fenced"))) {
                assertEquals(List.of(), fencedFiles.filter(p -> p.getFileName().toString().equals(victim)).toList(),
                        "the fence device never touched " + victim);
            }
            long grown = rssBytes() - before;
            System.out.println("frame attack on " + victim + "'s listening ports " + attacked + " (" + attack.size()
                    + " connections): after 20 s a member of every view, unfenced, RSS grew " + grown / 1_000_000
                    + " MB");
            assertTrue(grown < 300_000_000L, "RSS grew " + grown + " bytes");
        } finally {
            for (Socket s : attack) {
                s.close();
            }
        }
        String attackerLines = logs.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(ATTACKER))
                .reduce("", (x, y) -> x + y + "\n");
        assertTrue(attackerLines.lines().count() <= 3, "refusals logged once per kind: " + attackerLines);
        assertTrue(!logs.toString(StandardCharsets.UTF_8).contains("\tat "), "no stack trace in the log");
    }

    @Test
    void statusAnswersBesideStalledClientsAndNoStateFileIsOpenToOthers() throws Exception {
        startFencedCluster();
        String n = NAMES.get(2);
        List<SocketChannel> stalled = new ArrayList<>();
        try {
            // 4 that send half a request and stop, and 40 that say nothing at all
            for (int i = 0; i < 44; i++) {
                SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
                c.connect(UnixDomainSocketAddress.of(socket(n)));
                if (i < 4) {
                    c.write(ByteBuffer.wrap("{\"op\":\"state\",\"ver".getBytes(StandardCharsets.UTF_8)));
                }
                stalled.add(c);
            }
            long t = System.nanoTime();
            ClusterState state = new IpcClient(socket(n)).state();
            Cib cib = new IpcClient(socket(n)).cib();
            long ms = (System.nanoTime() - t) / 1_000_000;
            System.out.println("status and CIB from " + n + " beside 4 stalled and 40 idle clients: " + ms + " ms");
            assertEquals(NAMES, state.members());
            assertTrue(cib.configuration().resource("fence").isPresent());
            assertTrue(ms < 5_000, "answered after " + ms + " ms");
        } finally {
            for (SocketChannel c : stalled) {
                c.close();
            }
        }
        List<String> open = new ArrayList<>();
        for (String node : NAMES) {
            try (var walk = Files.walk(dir.resolve("state-" + node))) {
                for (Path p : walk.toList()) {
                    for (PosixFilePermission perm : Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)) {
                        if (perm.name().startsWith("OTHERS_")) {
                            open.add(dir.relativize(p) + " " + perm);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), open, "nothing under a state directory is open to others");
        try (var walk = Files.walk(dir.resolve("state-" + n + "/cib"))) {
            assertTrue(walk.anyMatch(p -> p.getFileName().toString().startsWith("cib-")), "a CIB was stored");
        }
    }
}
