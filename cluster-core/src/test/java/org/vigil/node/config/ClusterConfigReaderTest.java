package org.vigil.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.vigil.membership.QuorumConfig;
import org.vigil.membership.VoteQuorum;

class ClusterConfigReaderTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void fourNodeRrpSeedGivesNamedNodesTwoRingsAndMajorityQuorum() {
        ConfigCheck check = ConfigFixtures.check(ConfigFixtures.resource("corosync-4node-rrp.conf"));
        assertTrue(check.usable(), check.errors().toString());
        ClusterConfig c = check.config();
        assertEquals("xencluster", c.clusterName());
        assertEquals(List.of("server50", "server51", "server52", "server53"),
                c.nodes().stream().map(ClusterNode::name).toList());
        assertEquals(List.of("192.168.1.51", "192.168.2.51"), c.node("server51").orElseThrow().addresses());
        assertEquals(50, c.nodes().get(0).nodeId());
        assertEquals(List.of(new LinkConfig(0, "192.168.1.0", 5415), new LinkConfig(1, "192.168.2.0", 5416)), c.links());
        assertEquals(4, c.quorum().configuredExpectedVotes());
        assertFalse(c.quorum().twoNode());
        assertNull(c.keyFile());
        assertEquals("/var/log/corosync/corosync.log", c.logging().logFile());
        assertTrue(check.warnings().stream().anyMatch(w -> w.startsWith("test.conf:9: warning: totem.interface.mcastaddr")),
                check.warnings().toString());
    }

    @Test
    void twoNodeUdpuSeedTakesNodesFromMemberAddresses() {
        ConfigCheck check = ConfigFixtures.check(ConfigFixtures.resource("corosync-2node-udpu.conf"));
        assertTrue(check.usable(), check.errors().toString());
        ClusterConfig c = check.config();
        assertEquals(List.of("10.0.0.1", "10.0.0.2"), c.nodes().stream().map(ClusterNode::name).toList());
        // corosync 2 derived the nodeid from the IPv4 address (10.0.0.1 = 0x0a000001)
        assertEquals(0x0a000001, c.nodes().get(0).nodeId());
        assertTrue(c.quorum().twoNode());
        assertTrue(c.quorum().effectiveWaitForAll());
        assertEquals(ClusterConfig.DEFAULT_KEY_FILE, c.keyFile(), "secauth: on asks for a cluster key");
        assertTrue(check.warnings().stream().anyMatch(w -> w.contains("no nodelist")));
        assertTrue(check.warnings().stream().anyMatch(w -> w.contains("section 'amf' is not used")));
        assertTrue(check.warnings().stream().anyMatch(w -> w.contains("logging.syslog_facility is not used")));
    }

    @Test
    void sharedSeedConfigsParseLikeOurCopies() throws Exception {
        Path dir = org.vigil.cib.SharedCorpus.sharedDir().resolve("seed-configs");
        Assumptions.assumeTrue(Files.isDirectory(dir), "skipped: seed configs not found at " + dir + " (../shared is absent)");
        for (String name : List.of("corosync-2node-udpu.conf", "corosync-4node-rrp.conf")) {
            Path f = dir.resolve(name);
            ConfigCheck shared = ClusterConfigReader.read(CorosyncParser.parse(f), "test.conf");
            assertTrue(shared.usable(), name + ": " + shared.errors());
            assertEquals(ConfigFixtures.check(ConfigFixtures.resource(name)).config(), shared.config(), name);
        }
    }

    @Test
    void corosync3KnetConfigMapsCryptoVotesAndQuorumOptions() {
        ConfigCheck check = ConfigFixtures.check(ConfigFixtures.resource("corosync3-knet-3node.conf"));
        assertTrue(check.usable(), check.errors().toString());
        ClusterConfig c = check.config();
        assertEquals("/etc/vigil/lab.key", c.keyFile());
        assertEquals(2, c.node("beta").orElseThrow().votes());
        QuorumConfig q = c.quorum();
        assertEquals(4, q.configuredExpectedVotes());
        assertTrue(q.waitForAll());
        assertTrue(q.lastManStanding());
        assertEquals(Duration.ofSeconds(20), q.lastManStandingWindow());
        assertTrue(q.autoTieBreaker());
        assertEquals(List.of("3", "1"), q.tieBreaker());
        assertEquals(new LoggingConfig(false, "/var/log/vigil.log", true, true), c.logging());
        assertTrue(check.warnings().stream().anyMatch(w -> w.contains("crypto_cipher: aes256 is not used as such")));
        assertTrue(check.warnings().stream().anyMatch(w -> w.contains("knet_transport is not used")));
    }

    @Test
    void mappedQuorumDrivesVoteQuorum() {
        ClusterConfig c = ConfigFixtures.check(ConfigFixtures.resource("corosync-2node-udpu.conf")).config();
        VoteQuorum q = new VoteQuorum(c.quorum());
        assertFalse(q.update(Set.of("10.0.0.1"), T0).quorate(), "two_node waits for all at first");
        assertTrue(q.update(Set.of("10.0.0.1", "10.0.0.2"), T0).quorate());
        assertTrue(q.update(Set.of("10.0.0.2"), T0).quorate(), "two_node keeps one survivor quorate");
    }

    @Test
    void unknownSettingsAndSectionsAreWarnedWithTheirLines() {
        ConfigCheck check = ConfigFixtures.check("""
                totem {
                    cluster_name: c
                    frobnicate: 7
                }
                nodelist {
                    node {
                        name: a
                        nodeid: 1
                        ring0_addr: 10.0.0.1
                        colour: blue
                    }
                }
                quorum {
                    provider: corosync_votequorum
                }
                mystery {
                }
                """);
        assertTrue(check.usable());
        assertEquals(List.of(
                "test.conf:3: warning: totem.frobnicate is not used: unknown setting",
                "test.conf:10: warning: nodelist.node.colour is not used: unknown setting",
                "test.conf:16: warning: section 'mystery' is not used: unknown section"), check.warnings());
    }

    @Test
    void badValuesAreErrorsNamingTheLine() {
        ConfigCheck check = ConfigFixtures.check("""
                totem {
                    token: soon
                }
                nodelist {
                    node {
                        name: a
                        nodeid: 1
                        ring0_addr: 10.0.0.1
                    }
                    node {
                        name: a
                        nodeid: 1
                        ring0_addr: 10.0.0.2
                    }
                }
                quorum {
                    provider: corosync_votequorum
                    two_node: maybe
                }
                """);
        assertFalse(check.usable());
        assertEquals(List.of(
                "test.conf:2: expected a number for token, got 'soon'",
                "test.conf:10: expected unique node names, 'a' is listed twice",
                "test.conf:10: expected unique nodeids, 1 is listed twice",
                "test.conf:18: expected yes/no (on/off, 1/0) for two_node, got 'maybe'"), check.errors());
    }

    @Test
    void otherQuorumProvidersAreRefused() {
        ConfigCheck check = ConfigFixtures.check("""
                totem {
                }
                nodelist {
                    node {
                        ring0_addr: 10.0.0.1
                    }
                }
                quorum {
                    provider: corosync_quorum_ykd
                }
                """);
        assertEquals(List.of("test.conf:9: expected 'provider: corosync_votequorum', got 'corosync_quorum_ykd'"),
                check.errors());
    }

    @Test
    void missingTotemAndNodesAreErrors() {
        ConfigCheck check = ConfigFixtures.check("quorum {\n provider: corosync_votequorum\n}\n");
        assertEquals(List.of("test.conf:1: expected a 'totem { ... }' section",
                "test.conf:1: expected a 'nodelist { node { ... } }' section (or udpu members in totem.interface)"),
                check.errors());
    }

    @Test
    void secondRingNeedsAnAddressOnEveryNode() {
        ConfigCheck check = ConfigFixtures.check("""
                totem {
                    rrp_mode: passive
                    interface {
                        ringnumber: 0
                    }
                    interface {
                        ringnumber: 1
                    }
                }
                nodelist {
                    node {
                        name: a
                        nodeid: 1
                        ring0_addr: 10.0.0.1
                        ring1_addr: 10.0.1.1
                    }
                    node {
                        name: b
                        nodeid: 2
                        ring0_addr: 10.0.0.2
                    }
                }
                """);
        assertEquals(List.of("test.conf:10: node 'b' has 1 ring address(es) but 2 rings are configured: expected ring1_addr"),
                check.errors());
    }

    private static final String TWO_NODES = """
            totem {
                cluster_name: c
            }
            nodelist {
                node {
                    name: a
                    nodeid: 1
                    ring0_addr: 127.0.0.1
                }
                node {
                    name: b
                    nodeid: 2
                    ring0_addr: 127.0.0.2
                }
            }
            """;

    @Test
    void consoleIsOffUnlessAskedForAndOnMeansHawksPort() {
        assertFalse(ConfigFixtures.check(TWO_NODES).config().services().console().on());
        ServicesConfig.ConsoleConfig on = ConfigFixtures.check(TWO_NODES + "vigil {\n console: on\n}\n").config()
                .services().console();
        assertEquals(7630, on.port());
        assertNull(on.tlsCert(), "no certificate configured: one is generated at first start");
        ConfigCheck custom = ConfigFixtures.check(TWO_NODES + """
                vigil {
                    console_port: 8443
                    console_address: 127.0.0.1
                    console_users: /etc/vigil/console.users
                    console_audit: /var/log/vigil-console.log
                }
                """);
        assertTrue(custom.usable(), custom.errors().toString());
        assertEquals(new ServicesConfig.ConsoleConfig(8443, "127.0.0.1", null, null, "/etc/vigil/console.users",
                "/var/log/vigil-console.log"), custom.config().services().console());
    }

    @Test
    void consoleSettingsWithoutTheConsoleAreWarnedAboutAndAHalfCertificateIsAnError() {
        ConfigCheck unused = ConfigFixtures.check(TWO_NODES + "vigil {\n console_users: /x\n}\n");
        assertTrue(unused.warnings().stream().anyMatch(w -> w.contains("console_users is not used: the console is off")),
                unused.warnings().toString());
        ConfigCheck half = ConfigFixtures.check(TWO_NODES + "vigil {\n console: on\n console_tls_cert: /c.pem\n}\n");
        assertFalse(half.usable());
        assertTrue(half.errors().stream().anyMatch(e -> e.contains("expected both console_tls_cert and console_tls_key")),
                half.errors().toString());
    }
}
