package org.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cib.CibXml;

/** The acceptance examples of issue #5, run verbatim (as a shell would split them) against a CIB file. */
class AcceptanceTest {
    static final List<String> XEN_CLUSTER = List.of(
            "crm configure property stonith-enabled=false",
            "crm configure property no-quorum-policy=ignore",
            "crm configure property migration-limit=2",
            "crm configure rsc_defaults resource-stickiness=100",
            "crm configure primitive vm01 ocf:heartbeat:Xen params xmfile=\"/etc/xen/cluster/vm01.cfg\" "
                    + "node_ip_attribute=\"ip_livemigration\" op monitor interval=\"30s\" timeout=\"30s\" "
                    + "op migrate_from timeout=\"600s\" op migrate_to timeout=\"600s\" op start timeout=\"90s\" "
                    + "op stop timeout=\"90s\" meta target-role=\"started\" allow-migrate=\"true\"",
            "crm_attribute --type nodes --node-uname server50 --attr-name ip_livemigration --attr-value 192.168.1.50",
            "crm_attribute --type nodes --node-uname server50 --attr-name ip_livemigration --get-value -q",
            "crm node standby server50",
            "crm resource cleanup vm01");

    static String resource(String name) throws IOException {
        try (InputStream in = AcceptanceTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void xenClusterCommandsRunOnAFreshCibFile(@TempDir Path dir) throws Exception {
        CliRunner crm = CliRunner.withCib(dir, "cib.xml");
        for (String line : XEN_CLUSTER) {
            CliRunner.Result r = crm.sh(line);
            assertEquals(0, r.code(), line + "\n" + r.err());
            if (line.contains("--get-value")) {
                assertEquals("192.168.1.50\n", r.out());
            }
        }
        Path cib = dir.resolve("cib.xml");
        assertTrue(crm.run("verify").code() == 0, "verify");
        String show = crm.run("configure", "show").out();
        assertTrue(show.contains("node server50 \\\n\tattributes ip_livemigration=192.168.1.50 standby=on"), show);
        assertTrue(show.contains("primitive vm01 ocf:heartbeat:Xen"), show);
        assertTrue(show.contains("rsc_defaults rsc-options: \\\n\tresource-stickiness=100"), show);
        // 7 of the 9 commands change the configuration; the query and the clean-up of a resource without
        // failures store nothing
        assertEquals(7, CibXml.parse(Files.readString(cib)).version().epoch(), "one epoch per stored change");
        PacemakerSchema.assertValid(cib, "pacemaker-3.9");
        PacemakerSchema.assertCrmVerifyAccepts(cib);
    }

    @Test
    void firstCommandSaysItCreatedTheCib(@TempDir Path dir) {
        CliRunner.Result r = CliRunner.withCib(dir, "new.xml").sh(XEN_CLUSTER.get(0));
        assertEquals(0, r.code());
        assertTrue(r.err().contains("did not exist; created a new CIB"), r.err());
    }

    @Test
    void standbyOnAnEmptyCibAddsTheNodeAndSaysSo(@TempDir Path dir) {
        CliRunner crm = CliRunner.withCib(dir, "cib.xml");
        crm.sh("crm configure property stonith-enabled=false");
        CliRunner.Result r = crm.sh("crm node standby server50");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("node server50 is not in the CIB; added it"), r.err());
    }

    @Test
    void ispStackCommandByCommandShowsCanonicalText(@TempDir Path dir) throws Exception {
        CliRunner crm = CliRunner.withCib(dir, "isp.xml");
        for (String line : resource("isp-stack.crm").split("\n")) {
            CliRunner.Result r = crm.sh("crm configure " + line);
            assertEquals(0, r.code(), line + "\n" + r.err());
        }
        assertEquals(resource("isp-stack.show"), crm.run("configure", "show").out());
        CliRunner.Result verify = crm.run("verify");
        assertEquals(0, verify.code(), verify.err());
        PacemakerSchema.assertValid(dir.resolve("isp.xml"), "pacemaker-3.9");
    }

    @Test
    void ispStackThroughLoadUpdateGivesTheSameConfiguration(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("isp.crm"), resource("isp-stack.crm"));
        CliRunner one = CliRunner.withCib(dir, "one.xml");
        for (String line : resource("isp-stack.crm").split("\n")) {
            one.sh("crm configure " + line);
        }
        CliRunner all = CliRunner.withCib(dir, "all.xml");
        CliRunner.Result load = all.run("configure", "load", "update", "isp.crm");
        assertEquals(0, load.code(), load.err());
        assertEquals(CibXml.parse(Files.readString(dir.resolve("one.xml"))).configuration(),
                CibXml.parse(Files.readString(dir.resolve("all.xml"))).configuration());
        assertEquals(resource("isp-stack.show"), all.run("configure", "show").out());
        PacemakerSchema.assertValid(dir.resolve("all.xml"), "pacemaker-3.9");
    }

    @Test
    void bothExamplesTogetherVerifyAndValidate(@TempDir Path dir) throws Exception {
        CliRunner crm = CliRunner.withCib(dir, "cib.xml");
        for (String line : XEN_CLUSTER) {
            assertEquals(0, crm.sh(line).code(), line);
        }
        Files.writeString(dir.resolve("isp.crm"), resource("isp-stack.crm"));
        assertEquals(0, crm.run("configure", "load", "update", "isp.crm").code());
        CliRunner.Result verify = crm.run("verify", "-L", "-V");
        assertEquals(0, verify.code(), verify.err());
        assertTrue(verify.err().contains("cli-prefer-VM.1: left behind by 'crm resource move/ban'"), verify.err());
        assertTrue(verify.err().contains("fencing is disabled"), verify.err());
        PacemakerSchema.assertValid(dir.resolve("cib.xml"), "pacemaker-3.9");
        PacemakerSchema.assertCrmVerifyAccepts(dir.resolve("cib.xml"));
    }
}
