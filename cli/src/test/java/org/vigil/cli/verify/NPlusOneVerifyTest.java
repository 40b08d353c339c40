package org.vigil.cli.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cli.CliRunner;

class NPlusOneVerifyTest {
    /** Four Xen hosts of 32 GB; the VMs are loaded from {@link #vms} (memory in GB). */
    private static final String XEN = """
            node server50 utilization memory=32
            node server51 utilization memory=32
            node server52 utilization memory=32
            node server53 utilization memory=32
            property stonith-enabled=false
            property placement-strategy=balanced
            rsc_defaults resource-stickiness=100
            """;

    @TempDir
    Path dir;

    private CliRunner xen(int... vmMemory) throws Exception {
        StringBuilder c = new StringBuilder(XEN);
        for (int i = 0; i < vmMemory.length; i++) {
            c.append(String.format("primitive vm%02d ocf:heartbeat:Xen params xmfile=/etc/xen/vm%02d.cfg "
                    + "utilization memory=%d op monitor interval=30s timeout=30s meta allow-migrate=true%n",
                    i + 1, i + 1, vmMemory[i]));
        }
        Files.writeString(dir.resolve("c.crm"), c.toString());
        CliRunner crm = CliRunner.withCib(dir, "cib.xml");
        CliRunner.Result load = crm.run("configure", "load", "update", "c.crm");
        assertEquals(0, load.code(), load.err());
        return crm;
    }

    @Test
    void fourNodeXenClusterWithRoomSurvivesEveryNodeFailure() throws Exception {
        CliRunner.Result r = xen(8, 8, 8, 8, 8, 8, 8, 8).run("verify", "--n-plus-one");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("N+1 capacity proof: 4 nodes up (server50, server51, server52, server53), "
                + "8 resources running; 4 failures checked (5 scheduler runs)"), r.out());
        assertTrue(r.out().contains("  server52 fails: survivable"), r.out());
        assertTrue(r.out().endsWith("N+1 redundant: every single-node failure is survivable\n"), r.out());
    }

    @Test
    void overcommittedXenClusterNamesTheStrandedVmAndExitsThree() throws Exception {
        // 4 x 24 GB: one VM per host, and no host has room for a second
        CliRunner.Result r = xen(24, 24, 24, 24).run("verify", "--n-plus-one");
        assertEquals(VerifyCommand.CAPACITY_LOST, r.code(), r.out() + r.err());
        assertTrue(r.out().contains(": LOSES 1 resource\n"), r.out());
        assertTrue(r.out().matches("(?s).*    vm0\\d \\(was on server5\\d\\) cannot be recovered\n"
                + "      - not enough capacity on server5\\d, server5\\d, server5\\d\n.*"), r.out());
        assertTrue(r.out().contains("Not N+1 redundant: 4 of 4 failures would lose resources"), r.out());
    }

    @Test
    void pairsAlsoFailEveryTwoNodes() throws Exception {
        // 8 GB VMs: two hosts left (64 GB) hold all six (48 GB); the pair leaves no quorum (2 of 4)
        CliRunner.Result single = xen(8, 8, 8, 8, 8, 8).run("verify", "--n-plus-one");
        assertEquals(0, single.code(), single.out());
        CliRunner.Result pairs = CliRunner.withCib(dir, "cib.xml").run("verify", "--pairs");
        assertEquals(VerifyCommand.CAPACITY_LOST, pairs.code(), pairs.out());
        assertTrue(pairs.out().contains("10 failures checked (11 scheduler runs)"), pairs.out());
        assertTrue(pairs.out().contains("server50 + server51 fail: LOSES 6 resources (the survivors have no quorum)"),
                pairs.out());
        assertTrue(pairs.out().contains("due to no quorum"), pairs.out());
        CliRunner.Result two = CliRunner.withCib(dir, "cib.xml").run("verify", "--n-plus-one=2");
        assertEquals(pairs.out(), two.out());
    }

    @Test
    void xenStackOnStorageClonesSurvivesOneHostButNotTwo() throws Exception {
        Files.writeString(dir.resolve("stack.crm"), XEN + """
                primitive iscsi ocf:heartbeat:iscsi params portal=192.168.1.10:3260 target=iqn.2010-01.storage:vms \
                    op monitor interval=30s timeout=30s
                clone iscsi-clone iscsi meta interleave=true
                primitive clvm ocf:heartbeat:LVM-activate params vgname=vg_cluster vg_access_mode=lvmlockd \
                    activation_mode=shared op monitor interval=30s timeout=90s
                clone clvm-clone clvm meta interleave=true
                order iscsi-before-lvm inf: iscsi-clone clvm-clone
                colocation lvm-with-iscsi inf: clvm-clone iscsi-clone
                primitive vm01 ocf:heartbeat:Xen params xmfile=/etc/xen/vm01.cfg utilization memory=16 \
                    op monitor interval=30s meta allow-migrate=true
                primitive vm02 ocf:heartbeat:Xen params xmfile=/etc/xen/vm02.cfg utilization memory=16 \
                    op monitor interval=30s meta allow-migrate=true
                order lvm-before-vms inf: clvm-clone ( vm01 vm02 )
                colocation vms-with-lvm inf: ( vm01 vm02 ) clvm-clone
                """);
        CliRunner crm = CliRunner.withCib(dir, "stack.xml");
        assertEquals(0, crm.run("configure", "load", "update", "stack.crm").code());
        CliRunner.Result single = crm.run("verify", "--n-plus-one");
        assertEquals(0, single.code(), "the storage clone instance of the failed host goes with it: " + single.out());
        assertTrue(single.out().contains("10 resources running"), single.out());
        CliRunner.Result pairs = crm.run("verify", "--pairs");
        assertEquals(VerifyCommand.CAPACITY_LOST, pairs.code(), pairs.out());
        assertTrue(pairs.out().contains("""
                  server50 + server51 fail: LOSES 4 resources (the survivors have no quorum)
                    vm01 (was on server50) cannot be recovered
                      - the scheduler: Start vm01 ( server52 ) due to no quorum (blocked)
                """), pairs.out());
        assertTrue(pairs.out().contains("    clvm-clone (clvm): 2 instances on surviving nodes would stop (ran on "
                + "server52, server53)\n"), pairs.out());
    }

    @Test
    void jsonOutputCarriesEveryFailureWithItsLosses() throws Exception {
        CliRunner.Result r = xen(24, 24, 24, 24).run("verify", "--n-plus-one", "--output-as", "json");
        assertEquals(VerifyCommand.CAPACITY_LOST, r.code(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertTrue(doc.get("valid").asBoolean());
        JsonNode cap = doc.get("capacity");
        assertFalse(cap.get("survivable").asBoolean());
        assertEquals(4, cap.get("failures").size());
        JsonNode first = cap.get("failures").get(0);
        assertEquals("server50", first.get("failed").get(0).asText());
        JsonNode loss = first.get("losses").get(0);
        // nothing has run yet (no status), so the scheduler may place the failed host's VM and strand another
        assertTrue(loss.get("kind").asText().matches("not-recovered|stopped"), loss.toString());
        assertEquals(1, loss.get("wasOn").size(), loss.toString());
        assertTrue(loss.get("reasons").get(0).asText().startsWith("not enough capacity on "), loss.toString());
    }

    @Test
    void verboseVerifyReportsLostResourcesAsWarnings() throws Exception {
        CliRunner.Result r = xen(24, 24, 24, 24).run("verify", "-V");
        assertEquals(0, r.code(), "-V reports the proof as warnings, it does not fail: " + r.err());
        assertTrue(r.err().contains("WARNING: N+1: if server51 fails, vm0"), r.err());
        CliRunner.Result fine = xen(8, 8, 8, 8).run("verify", "-V");
        assertTrue(fine.err().contains("INFO: N+1: every single-node failure is survivable (4 nodes, 5 scheduler "
                + "runs)"), fine.err());
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        CliRunner crm = xen(8);
        assertEquals(2, crm.run("verify", "--n-plus-one=3").code());
        CliRunner.Result xml = crm.run("verify", "--n-plus-one", "--output-as", "xml");
        assertEquals(2, xml.code());
        assertTrue(xml.err().contains("--output-as must be text or json"), xml.err());
    }

    @Test
    void invalidConfigurationExitsOneWithoutAProof() throws Exception {
        Files.writeString(dir.resolve("bad.xml"), """
                <cib validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0"><configuration>
                <crm_config/><nodes><node id="1" uname="n1"/></nodes><resources/><constraints>
                <rsc_colocation id="c" rsc="ghost" with-rsc="phantom" score="INFINITY"/>
                </constraints></configuration><status/></cib>
                """);
        CliRunner.Result r = CliRunner.withCib(dir, "bad.xml").run("verify", "--n-plus-one");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("capacity proof needs a valid configuration"), r.err());
    }

    @Test
    void fencingExampleSurvivesEveryNodeFailure() {
        Path example = Path.of("../docs/examples/fencing.xml");
        CliRunner.Result r = CliRunner.withCib(dir, example.toAbsolutePath().toString()).run("verify", "--n-plus-one");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("3 nodes up (node1, node2, node3), 5 resources running"), r.out());
    }

    @Test
    void ispExampleWithOneNodeAlreadyDownCannotLoseTheOther() {
        Path example = Path.of("../docs/examples/isp-drbd-ocfs2.xml");
        CliRunner.Result r = CliRunner.withCib(dir, example.toAbsolutePath().toString()).run("verify", "--n-plus-one");
        assertEquals(VerifyCommand.CAPACITY_LOST, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("1 node up (piova), already down: brina"), r.out());
        assertTrue(r.out().contains("VM.1 (was on piova) cannot be recovered\n      - no cluster node is left to run it"),
                r.out());
    }
}
