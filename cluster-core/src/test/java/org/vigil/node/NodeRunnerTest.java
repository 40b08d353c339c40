package org.vigil.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.membership.MembershipView;
import org.vigil.node.config.ConfigException;

@Timeout(60)
class NodeRunnerTest {
    @TempDir
    Path dir;

    private Path config(int port, Path key) throws Exception {
        Path f = dir.resolve("corosync.conf");
        Files.writeString(f, """
                totem {
                    version: 2
                    cluster_name: pair
                    crypto_cipher: aes256
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
                    two_node: 1
                }
                logging {
                    to_stderr: no
                    to_logfile: yes
                    logfile: %s
                }
                """.formatted(key, port, dir.resolve("log/vigild.log")));
        return f;
    }

    private NodeRunner.Options options(String node) {
        return new NodeRunner.Options(dir.resolve("state-" + node), java.time.Duration.ofSeconds(10),
                dir.resolve("state-" + node + "/vigil.sock").toString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static MembershipView await(NodeRunner.Running r, java.util.function.Predicate<MembershipView> ok)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            MembershipView v = r.membership().current();
            if (v != null && ok.test(v)) {
                return v;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(r.node() + ": no such view within 10 s, last " + r.membership().current());
    }

    @Test
    void twoNodesFromOneConfigurationJoinOverTlsWithTwoNodeQuorum() throws Exception {
        Path key = dir.resolve("authkey");
        ClusterKey.generate(key, false, new SecureRandom());
        Path conf = config(freePort(), key);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        DaemonLog log = new DaemonLog(new PrintStream(err, true, StandardCharsets.UTF_8));
        try (NodeRunner.Running a = NodeRunner.start(conf, "alpha", options("alpha"), log);
                NodeRunner.Running b = NodeRunner.start(conf, "beta", options("beta"), new DaemonLog(System.err))) {
            MembershipView v = await(a, x -> x.members().size() == 2 && x.dc() != null);
            assertEquals(List.of("alpha", "beta"), v.members());
            assertEquals("alpha", v.dc());
            assertTrue(v.quorum().quorate());
            await(b, x -> "alpha".equals(x.dc()));
        }
        String logged = Files.readString(dir.resolve("log/vigild.log"));
        assertTrue(logged.contains("node alpha joins cluster pair on 127.0.0.1:"), logged);
        assertTrue(logged.contains("view ") && logged.contains("[alpha, beta], quorate"), logged);
        assertEquals("", err.toString(StandardCharsets.UTF_8), "to_stderr: no keeps stderr quiet when a logfile is set");
        assertEquals(List.of(), reachableByOthers(dir.resolve("state-alpha")), "the state holds fence passwords");
        assertEquals(List.of(), reachableByOthers(dir.resolve("state-beta")));
    }

    /** Files under {@code root} another user could read: readable by others and every directory on the way open. */
    static List<String> reachableByOthers(Path root) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        try (var s = Files.walk(root)) {
            for (Path p : s.toList()) {
                boolean reachable = true;
                for (Path d = p.getParent(); d != null && d.startsWith(root); d = d.getParent()) {
                    reachable &= Files.getPosixFilePermissions(d).contains(
                            java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
                }
                if (reachable && Files.getPosixFilePermissions(p, java.nio.file.LinkOption.NOFOLLOW_LINKS).contains(
                        java.nio.file.attribute.PosixFilePermission.OTHERS_READ)) {
                    out.add(root.relativize(p).toString());
                }
            }
        }
        return out;
    }

    @Test
    void twoRingsFromTheConfigurationAreBothUsed() throws Exception {
        int port0 = freePort();
        int port1 = freePort();
        Path f = dir.resolve("rings.conf");
        Files.writeString(f, """
                totem {
                    cluster_name: rings
                    rrp_mode: passive
                    interface {
                        ringnumber: 0
                        mcastport: %d
                    }
                    interface {
                        ringnumber: 1
                        mcastport: %d
                    }
                }
                nodelist {
                    node {
                        name: alpha
                        nodeid: 1
                        ring0_addr: 127.0.0.1
                        ring1_addr: 127.0.1.1
                    }
                    node {
                        name: beta
                        nodeid: 2
                        ring0_addr: 127.0.0.2
                        ring1_addr: 127.0.1.2
                    }
                }
                quorum {
                    provider: corosync_votequorum
                    two_node: 1
                }
                """.formatted(port0, port1));
        try (NodeRunner.Running a = NodeRunner.start(f, "alpha", options("alpha"), new DaemonLog(System.err));
                NodeRunner.Running b = NodeRunner.start(f, "beta", options("beta"), new DaemonLog(System.err))) {
            await(a, x -> x.members().size() == 2 && x.dc() != null);
            long deadline = System.currentTimeMillis() + 10_000;
            while (!a.rings().equals(List.of("ring 0: active with no faults", "ring 1: active with no faults"))
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(List.of("ring 0: active with no faults", "ring 1: active with no faults"), a.rings());
        }
    }

    @Test
    void missingKeyIsOneLineError() throws Exception {
        Path conf = config(freePort(), dir.resolve("nokey"));
        ConfigException e = assertThrows(ConfigException.class,
                () -> NodeRunner.start(conf, "alpha", options("alpha"), new DaemonLog(System.err)));
        assertTrue(e.getMessage().startsWith("cannot read the cluster key " + dir.resolve("nokey")), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'));
    }

    @Test
    void unknownNodeNameIsRefused() throws Exception {
        Path conf = config(freePort(), dir.resolve("nokey"));
        ConfigException e = assertThrows(ConfigException.class,
                () -> NodeRunner.start(conf, "gamma", options("gamma"), new DaemonLog(System.err)));
        assertEquals(conf + ": node 'gamma' is not in the nodelist", e.getMessage());
    }
}
