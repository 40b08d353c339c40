package org.vigil.cli.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cli.CliRunner;

class VerifySmellsTest {
    @TempDir
    Path dir;

    private CliRunner.Result verify(String config) throws Exception {
        Files.writeString(dir.resolve("c.crm"), config);
        CliRunner crm = CliRunner.withCib(dir, "cib.xml");
        CliRunner.Result load = crm.run("configure", "load", "update", "c.crm");
        assertEquals(0, load.code(), load.err());
        return crm.run("verify", "-V");
    }

    @Test
    void cloneOrderingWithoutInterleaveIsFlagged() throws Exception {
        CliRunner.Result r = verify("""
                property stonith-enabled=false
                primitive DRBD ocf:linbit:drbd params drbd_resource=vms op monitor interval=20
                ms MS.DRBD DRBD meta notify=true interleave=true
                primitive FS ocf:heartbeat:Filesystem params device=/dev/drbd0 directory=/srv fstype=ocfs2 \\
                    op monitor interval=20
                clone FS.CLONE FS
                order o inf: MS.DRBD:promote FS.CLONE:start
                """);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("WARNING: o: orders clone FS.CLONE after clone MS.DRBD but FS.CLONE lacks meta "
                + "interleave=true"), r.err());
    }

    @Test
    void interleavedCloneOrderingIsNotFlagged() throws Exception {
        CliRunner.Result r = verify("""
                primitive DRBD ocf:linbit:drbd params drbd_resource=vms op monitor interval=20
                ms MS.DRBD DRBD meta interleave=true
                primitive FS ocf:heartbeat:Filesystem op monitor interval=20
                clone FS.CLONE FS meta interleave=true
                order o inf: MS.DRBD:promote FS.CLONE:start
                """);
        assertFalse(r.err().contains("interleave"), r.err());
    }

    @Test
    void twoNodeClusterWithoutFencingIsFlagged() throws Exception {
        CliRunner.Result r = verify("""
                node brina
                node piova
                property stonith-enabled=false
                """);
        assertTrue(r.err().contains("fencing is disabled (stonith-enabled=false): in a two-node cluster"), r.err());
    }

    @Test
    void fencingWithoutADeviceIsFlagged() throws Exception {
        CliRunner.Result r = verify("primitive d ocf:pacemaker:Dummy op monitor interval=10s\n");
        assertTrue(r.err().contains("no fence device"), r.err());
    }

    @Test
    void leftoverMoveConstraintIsFlagged() throws Exception {
        CliRunner.Result r = verify("""
                primitive VM.1 ocf:heartbeat:VirtualDomain params config=/etc/libvirt/qemu/vm1.xml \\
                    op monitor interval=10
                location cli-prefer-VM.1 VM.1 inf: brina
                """);
        assertTrue(r.err().contains("WARNING: cli-prefer-VM.1: left behind by 'crm resource move/ban': it pins "
                + "VM.1 to brina until removed with 'crm resource clear VM.1'"), r.err());
    }

    @Test
    void ignoringQuorumInAFourNodeClusterIsFlagged() throws Exception {
        CliRunner.Result r = verify("""
                node server50
                node server51
                node server52
                node server53
                property no-quorum-policy=ignore stonith-enabled=false
                """);
        assertTrue(r.err().contains("no-quorum-policy=ignore in a 4-node cluster"), r.err());
    }

    @Test
    void misspelledPropertyAndMetaGetSuggestions() throws Exception {
        CliRunner.Result r = verify("""
                property stonith-enable=false
                primitive d ocf:pacemaker:Dummy op monitor interval=10s meta target-rol=Stopped
                """);
        assertTrue(r.err().contains("unknown cluster property 'stonith-enable' (did you mean stonith-enabled?)"),
                r.err());
        assertTrue(r.err().contains("unknown meta attribute 'target-rol' (did you mean target-role?)"), r.err());
    }

    @Test
    void liveMigrationWithoutTimeoutsIsMentionedWhenVerbose() throws Exception {
        CliRunner.Result r = verify("""
                property stonith-enabled=false
                primitive vm01 ocf:heartbeat:Xen params xmfile=/etc/xen/vm01.cfg op monitor interval=30s \\
                    meta allow-migrate=true
                """);
        assertTrue(r.err().contains("INFO: vm01: allow-migrate=true but no migrate_to timeout"), r.err());
    }

    @Test
    void errorsInAHandWrittenCibFailWithTheirLine() throws Exception {
        Files.writeString(dir.resolve("cib.xml"), """
                <cib admin_epoch="0" epoch="1" num_updates="0" validate-with="pacemaker-3.9">
                  <configuration>
                    <crm_config/>
                    <nodes/>
                    <resources/>
                    <constraints>
                      <rsc_location id="l1" rsc="ghost" node="n1" score="INFINITY"/>
                    </constraints>
                  </configuration>
                  <status/>
                </cib>
                """);
        CliRunner.Result r = CliRunner.withCib(dir, "cib.xml").run("verify");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("ERROR: l1: ") && r.err().contains("'ghost', which does not exist")
                && r.err().contains("(line 7)"), r.err());
    }
}
