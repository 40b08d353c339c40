package org.vigil.cli.resource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cli.CliRunner;

/** Resource, status and node commands on a CIB whose status says vm01 runs on brina and failed on piova. */
class ResourceCommandsTest {
    @TempDir
    Path dir;
    CliRunner crm;

    @BeforeEach
    void cib() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("running.xml")) {
            Files.write(dir.resolve("cib.xml"), in.readAllBytes());
        }
        crm = CliRunner.withCib(dir, "cib.xml");
    }

    private byte[] bytes() throws Exception {
        return Files.readAllBytes(dir.resolve("cib.xml"));
    }

    @Test
    void statusShowsRolesNodesAndFailedActions() {
        CliRunner.Result r = crm.run("status");
        assertEquals(0, r.code(), r.err());
        String s = r.out();
        assertTrue(s.contains("  * Current DC: brina (version "), s);
        assertTrue(s.contains("  * Online: [ brina piova ]\n"), s);
        assertTrue(s.contains("  * vm01\t(ocf:heartbeat:Xen):\t Started brina\n"), s);
        assertTrue(s.contains("  * Clone Set: MS.DRBD [DRBD] (promotable):\n    * Promoted: [ brina ]\n"
                + "    * Unpromoted: [ piova ]\n"), s);
        // this history has no operation_key, so the key is parsed from the entry's id, as Pacemaker does
        assertTrue(s.contains("Failed Resource Actions:\n  * vm01_last failure on piova returned 'error'"
                + " (xm create failed)"), s);
    }

    @Test
    void statusAsJson() {
        String json = crm.run("status", "--output-as", "json").out();
        assertTrue(json.contains("\"active\" : {\n      \"brina\" : \"started\"\n    }"), json);
        assertTrue(json.contains("\"exitReason\" : \"xm create failed\""), json);
    }

    @Test
    void resourceStatusSaysWhereItRuns() {
        assertEquals("resource vm01 is running on: brina\n", crm.run("resource", "status", "vm01").out());
        assertEquals("resource MS.DRBD is running on: brina Promoted, piova\n",
                crm.run("resource", "status", "MS.DRBD").out());
    }

    @Test
    void unknownResourceGetsASuggestion() throws Exception {
        byte[] before = bytes();
        CliRunner.Result r = crm.run("resource", "stop", "vm1");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("resource vm1 does not exist (did you mean vm01?)"), r.err());
        assertArrayEquals(before, bytes());
    }

    @Test
    void stopAndStartSetTargetRole() {
        assertEquals(0, crm.run("resource", "stop", "vm01").code());
        assertEquals("Stopped\n", crm.run("resource", "meta", "vm01", "show", "target-role").out());
        assertTrue(crm.run("status").out().contains("Started brina (disabled)"));
        assertEquals(0, crm.run("resource", "start", "vm01").code());
        assertEquals("Started\n", crm.run("resource", "meta", "vm01", "show", "target-role").out());
    }

    @Test
    void moveCreatesAPreferConstraintAndSaysItStays() {
        CliRunner.Result r = crm.run("resource", "move", "vm01", "piova");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("created cli-prefer-vm01") && r.out().contains("crm resource clear vm01"),
                r.out());
        assertEquals("location cli-prefer-vm01 vm01 inf: piova\n",
                crm.run("configure", "show", "cli-prefer-vm01").out());
        assertTrue(crm.run("status").out().contains("cli-prefer-vm01: vm01 prefers piova"));
        assertEquals(0, crm.run("resource", "clear", "vm01").code());
        assertFalse(crm.run("configure", "show").out().contains("cli-prefer"));
    }

    @Test
    void moveWithoutNodeBansTheCurrentNodeWithALifetime() {
        CliRunner.Result r = crm.run("resource", "move", "vm01", "--lifetime", "PT1H");
        assertEquals(0, r.code(), r.err());
        String show = crm.run("configure", "show", "cli-ban-vm01-on-brina").out();
        assertEquals("location cli-ban-vm01-on-brina vm01 \\\n\trule -inf: #uname string:eq brina and date lt "
                + "\"2026-11-22 05:00:00Z\"\n", show);
    }

    @Test
    void banUnknownNodeIsRefused() {
        CliRunner.Result r = crm.run("resource", "ban", "vm01", "piovaa");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("node piovaa does not exist (did you mean piova?)"), r.err());
    }

    @Test
    void cleanupForgetsFailuresButKeepsWhereItRuns() {
        CliRunner.Result r = crm.run("resource", "cleanup", "vm01");
        assertEquals(0, r.code(), r.err());
        assertEquals("Cleaned up vm01 on piova\n", r.out());
        String s = crm.run("status").out();
        assertFalse(s.contains("Failed Resource Actions"), s);
        assertTrue(s.contains("Started brina"), s);
        assertEquals("vm01: no failures recorded; nothing to clean up\n",
                crm.run("resource", "cleanup", "vm01").out());
    }

    @Test
    void restartIsRefusedOfflineWithTheAlternative() throws Exception {
        byte[] before = bytes();
        CliRunner.Result r = crm.run("resource", "restart", "vm01");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("needs a running cluster"), r.err());
        assertArrayEquals(before, bytes());
    }

    @Test
    void paramMetaManageAndMaintenance() {
        assertEquals(0, crm.run("resource", "param", "vm01", "set", "xmfile", "/etc/xen/vm01.cfg").code());
        assertEquals("/etc/xen/vm01.cfg\n", crm.run("resource", "param", "vm01", "show", "xmfile").out());
        assertEquals(0, crm.run("resource", "unmanage", "vm01").code());
        assertTrue(crm.run("status").out().contains("(unmanaged)"));
        assertEquals(0, crm.run("resource", "maintenance", "vm01").code());
        assertEquals("true\n", crm.run("resource", "meta", "vm01", "show", "maintenance").out());
        CliRunner.Result r = crm.run("resource", "meta", "vm01", "show", "is-manged");
        assertTrue(r.err().contains("did you mean is-managed?"), r.err());
    }

    @Test
    void crmNodeListAndResourceShowForTheMaintenanceScript() {
        assertEquals("1 brina member\n2 piova member\n", crm.run("crm_node", "-l").out());
        assertEquals("1\n", crm.run("crm_node", "-q").out());
        assertTrue(crm.run("resource", "show").out().contains("vm01\t(ocf:heartbeat:Xen):\t Started brina"));
        assertEquals("resource vm01 is running on: brina\n", crm.run("crm_resource", "-r", "vm01", "--locate").out());
    }

    @Test
    void standbyShowsInStatusAndOnlineClearsIt() {
        assertEquals(0, crm.run("node", "standby", "brina").code());
        assertTrue(crm.run("status").out().contains("* Node brina: standby (with active resources)"));
        assertEquals(0, crm.run("node", "online", "brina").code());
        assertTrue(crm.run("status").out().contains("* Online: [ brina piova ]"));
    }

    @Test
    void transientAttributesThroughCrmAttribute() {
        assertEquals(0, crm.run("crm_attribute", "--node", "piova", "--name", "pingd", "--lifetime", "reboot",
                "--update", "100").code());
        assertEquals("scope=status  name=pingd value=100\n",
                crm.run("crm_attribute", "--node", "piova", "--name", "pingd", "--lifetime", "reboot", "-G").out());
        CliRunner.Result missing = crm.run("crm_attribute", "--node", "piova", "--name", "nope", "-G", "-q");
        assertEquals(105, missing.code()); // Pacemaker's CRM_EX_NOSUCH
        assertEquals("crm_attribute: Error performing operation: No such device or address\n", missing.err());
        assertEquals("false\n", crm.run("crm_attribute", "--name", "stonith-enabled", "-G", "-q").out());
    }

    @Test
    void aNewNodeNameCloseToAnExistingOneIsQuestioned() {
        CliRunner.Result r = crm.run("node", "standby", "brinaa");
        assertEquals(0, r.code());
        assertTrue(r.err().contains("node brinaa is not in the CIB; added it") && r.err().contains("did you mean brina?"),
                r.err());
    }
}
