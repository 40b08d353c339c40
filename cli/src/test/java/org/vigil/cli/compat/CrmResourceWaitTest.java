package org.vigil.cli.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;
import org.vigil.cli.CliRunner;

/**
 * crm_resource --wait: the CIB is scheduled again and again until its transition has nothing left to do; a CIB
 * that keeps calling for actions times out with Pacemaker's list of the pending ones and exit code 124.
 */
class CrmResourceWaitTest {
    private static final String SETTLED = """
            <cib epoch="1" num_updates="0" admin_epoch="0" validate-with="pacemaker-3.7" have-quorum="1">
              <configuration>
                <crm_config>
                  <cluster_property_set id="cib-bootstrap-options">
                    <nvpair id="opt-stonith" name="stonith-enabled" value="false"/>
                  </cluster_property_set>
                </crm_config>
                <nodes>
                  <node id="1" uname="node1"/>
                </nodes>
                <resources/>
                <constraints/>
              </configuration>
              <status/>
            </cib>
            """;

    @Test
    void aSettledClusterEndsTheWaitAtTheFirstLook(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("cib.xml");
        Files.writeString(file, SETTLED);
        long start = System.nanoTime();
        CliRunner.Result r = new CliRunner(tmp).env("CIB_file", file.toString()).run("crm_resource", "--wait", "-T",
                "30s");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out(), "no dc-version, no mixed-version warning");
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos());
    }

    @Test
    void actionsThatStayPendingTimeOutWithTheirList(@TempDir Path tmp) throws Exception {
        // a stopped Dummy on an online node: the scheduler keeps asking for its start
        Cib cib = CibXml.parse(SETTLED.replace("<resources/>", """
                <resources>
                  <primitive id="d" class="ocf" provider="heartbeat" type="Dummy"/>
                </resources>""").replace("<status/>", """
                <status>
                  <node_state id="1" uname="node1" in_ccm="true" crmd="online" join="member" expected="member"/>
                </status>"""));
        StringWriter out = new StringWriter();
        int[] looks = {0};
        int code = new ClusterWait(() -> {
            looks[0]++;
            return cib;
        }, () -> Instant.parse("2026-11-22T04:00:00Z"), d -> Thread.sleep(300)).run(Duration.ofMillis(1),
                false, new PrintWriter(out, true));
        assertEquals(124, code);
        assertTrue(looks[0] >= 1, "the CIB was looked at");
        String text = out.toString();
        assertTrue(text.startsWith("Pending actions:\n"), text);
        assertTrue(text.contains(": d_start_0\ton node1\n"), text);
    }
}
