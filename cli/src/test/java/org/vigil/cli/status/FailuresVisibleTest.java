package org.vigil.cli.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;
import org.vigil.cib.Lrm;
import org.vigil.cib.NodeState;
import org.vigil.cib.Status;
import org.vigil.cli.CliRunner;
import org.vigil.controller.OpRecord;
import org.vigil.controller.OperationHistory;

/**
 * A recovered monitor failure, recorded by the controller's own recorder, stays visible as Pacemaker shows it:
 * Failed Resource Actions, the Migration Summary's fail count, {@code crm resource failcount}; a cleanup
 * clears all of it.
 */
class FailuresVisibleTest {
    private static final String CIB = """
            <cib admin_epoch="0" epoch="5" num_updates="0" validate-with="pacemaker-3.9" crm_feature_set="3.19.0" have-quorum="1" dc-uuid="1">
              <configuration>
                <crm_config><cluster_property_set id="opts">
                  <nvpair id="opts-stonith" name="stonith-enabled" value="false"/>
                </cluster_property_set></crm_config>
                <nodes><node id="1" uname="n1"/><node id="2" uname="n2"/></nodes>
                <resources>
                  <primitive id="d6" class="ocf" provider="heartbeat" type="Dummy">
                    <meta_attributes id="d6-meta"><nvpair id="d6-mt" name="migration-threshold" value="2"/></meta_attributes>
                    <operations><op id="d6-mon" name="monitor" interval="15s"/></operations>
                  </primitive>
                </resources>
                <constraints/>
              </configuration>
              <status>
                <node_state id="1" uname="n1" in_ccm="true" crmd="online" join="member" expected="member">
                  <transient_attributes id="1"><instance_attributes id="status-1">
                    <nvpair id="status-1-fc" name="fail-count-d6#monitor_15000" value="1"/>
                    <nvpair id="status-1-lf" name="last-failure-d6#monitor_15000" value="1700000004"/>
                  </instance_attributes></transient_attributes>
                </node_state>
                <node_state id="2" uname="n2" in_ccm="true" crmd="online" join="member" expected="member"/>
              </status>
            </cib>
            """;

    private static OpRecord op(String task, long interval, int rc, int call) {
        return new OpRecord("d6", "ocf", "heartbeat", "Dummy", task, interval, rc, OpRecord.EXEC_DONE, call,
                1_700_000_000L + call, 10, "n1", call + ":1:" + (task.equals("monitor") && interval == 0 ? 7 : 0)
                        + ":uuid", null, Map.of());
    }

    private static Path cibWithRecoveredFailure(Path dir) throws Exception {
        Lrm lrm = null;
        for (OpRecord o : List.of(op("monitor", 0, 7, 1), op("start", 0, 0, 2), op("monitor", 15_000, 0, 3),
                op("monitor", 15_000, 7, 4), op("stop", 0, 0, 5), op("start", 0, 0, 6),
                op("monitor", 15_000, 0, 7))) {
            lrm = OperationHistory.record(lrm, o);
        }
        Cib cib = CibXml.parse(CIB);
        List<NodeState> states = new ArrayList<>();
        for (NodeState s : cib.status().nodeStates()) {
            states.add(s.uname().equals("n1") ? s.withLrm(lrm) : s);
        }
        Path file = dir.resolve("cib.xml");
        Files.writeString(file, CibXml.write(cib.withStatus(new Status(states, cib.status().extras()))));
        return file;
    }

    @Test
    void recoveredMonitorFailureIsShownCountedAndCleanedUp(@TempDir Path dir) throws Exception {
        Path file = cibWithRecoveredFailure(dir);
        CliRunner crm = new CliRunner(dir).env("CIB_file", file.toString()).env("TZ", "UTC");

        String status = crm.run("status").out();
        assertTrue(status.contains("d6\t(ocf:heartbeat:Dummy):\t Started n1"), status);
        assertTrue(status.contains("Failed Resource Actions:\n  * d6 15s-interval monitor on n1 returned"
                + " 'not running' at Tue Nov 14 22:13:24 2023 after 10ms\n"), status);

        String mon = crm.run("crm_mon", "-1", "-f").out();
        assertTrue(mon.contains("Migration Summary:\n  * Node: n1:\n    * d6: migration-threshold=2 fail-count=1"
                + " last-failure='Tue Nov 14 22:13:24 2023'\n"), mon);

        assertEquals("scope=status  name=fail-count-d6 value=1\n", crm.run("resource", "failcount", "d6", "show",
                "n1").out());

        assertEquals(0, crm.run("resource", "cleanup", "d6").code());
        assertFalse(crm.run("status").out().contains("Failed Resource Actions"));
        assertFalse(crm.run("crm_mon", "-1", "-f").out().contains("* Node: n1"));
        assertEquals("scope=status  name=fail-count-d6 value=0\n", crm.run("resource", "failcount", "d6", "show",
                "n1").out());
    }
}
