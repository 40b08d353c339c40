package org.vigil.cli.configure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cli.CliRunner;

/** Alerts and ACLs through the real commands: defined, shown, validated, deleted. */
class CrmshObjectCommandsTest {
    @TempDir
    Path dir;

    @Test
    void alertAndAclObjectsAreDefinedShownAndDeleted() throws Exception {
        CliRunner crm = CliRunner.withCib(dir, "cib.xml");
        assertEquals(0, crm.sh("crm configure primitive d0 ocf:pacemaker:Dummy").code());
        CliRunner.Result a = crm.sh("crm configure alert snmp /usr/share/pacemaker/alerts/alert_snmp.sh "
                + "select fencing nodes to 192.168.28.188");
        assertEquals(0, a.code(), a.err());
        CliRunner.Result r = crm.sh("crm configure role d0-admin write meta:d0:target-role read ref:d0");
        assertEquals(0, r.code(), r.err());
        CliRunner.Result t = crm.sh("crm configure acl_target alice d0-admin");
        assertEquals(0, t.code(), t.err());
        String shown = crm.run("configure", "show").out();
        assertTrue(shown.contains("alert snmp /usr/share/pacemaker/alerts/alert_snmp.sh \\\n\tselect fencing nodes"
                + " \\\n\tto 192.168.28.188\n"), shown);
        assertTrue(shown.contains("role d0-admin \\\n\twrite meta:d0:target-role \\\n\tread ref:d0\n"), shown);
        assertTrue(shown.contains("acl_target alice d0-admin\n"), shown);
        String xml = Files.readString(dir.resolve("cib.xml"));
        assertTrue(xml.contains("<acl_permission id=\"d0-admin-0\" kind=\"write\" xpath=\"//primitive[@id='d0']"
                + "/meta_attributes/nvpair[@name='target-role']\"/>"), xml);
        byte[] before = Files.readAllBytes(dir.resolve("cib.xml"));
        CliRunner.Result again = crm.sh("crm configure role d0-admin read cib");
        assertEquals(1, again.code());
        assertTrue(again.err().contains("acl role 'd0-admin' already exists"), again.err());
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("cib.xml")));
        assertEquals(0, crm.run("configure", "delete", "snmp").code());
        assertFalse(crm.run("configure", "show").out().contains("alert snmp"));
    }
}
