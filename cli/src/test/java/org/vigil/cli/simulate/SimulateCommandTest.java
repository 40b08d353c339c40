package org.vigil.cli.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cli.CliRunner;

class SimulateCommandTest {
    private static final String CIB = """
            <cib validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0" have-quorum="1">
              <configuration>
                <crm_config><cluster_property_set id="p">
                  <nvpair id="p1" name="stonith-enabled" value="false"/>
                </cluster_property_set></crm_config>
                <nodes><node id="1" uname="node1"/><node id="2" uname="node2"/></nodes>
                <resources>
                  <primitive id="web" class="ocf" provider="heartbeat" type="Dummy"/>
                </resources>
                <constraints>
                  <rsc_location id="prefer-node2" rsc="web" node="node2" score="100"/>
                </constraints>
              </configuration>
              <status>
                <node_state id="1" uname="node1" in_ccm="true" crmd="online" join="member" expected="member"/>
                <node_state id="2" uname="node2" in_ccm="true" crmd="online" join="member" expected="member"/>
              </status>
            </cib>
            """;

    @TempDir
    Path dir;

    private CliRunner runner() throws IOException {
        Files.writeString(dir.resolve("cib.xml"), CIB);
        return new CliRunner(dir);
    }

    @Test
    void printsCurrentStatusAndTransitionSummary() throws IOException {
        CliRunner.Result r = runner().run("simulate", "-x", "cib.xml");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Current cluster status:"), r.out());
        assertTrue(r.out().contains("* Online: [ node1 node2 ]"), r.out());
        assertTrue(r.out().matches("(?s).*Transition Summary:\\n  \\* Start\\s+web\\s+\\( node2 \\).*"), r.out());
        assertTrue(!r.out().contains("Revised Cluster Status:"), r.out());
    }

    @Test
    void simulateShowsTheStatusAfterTheTransition() throws IOException {
        CliRunner.Result r = runner().run("simulate", "-x", "cib.xml", "-S");
        assertTrue(r.out().contains("Executing Cluster Transition:"), r.out());
        String revised = r.out().substring(r.out().indexOf("Revised Cluster Status:"));
        assertTrue(revised.contains("web\t(ocf:heartbeat:Dummy):\t Started node2"), revised);
    }

    @Test
    void explainNamesTheConstraintThatDecided() throws IOException {
        CliRunner.Result r = runner().run("simulate", "-x", "cib.xml", "--explain", "web");
        assertTrue(r.out().contains("web will be Started on node2."), r.out());
        assertTrue(r.out().contains("100 on node2: location constraint prefer-node2"), r.out());
    }

    @Test
    void explainSaysWhereAColocatedCloneIsPlaced() {
        Path example = Path.of("../docs/examples/isp-drbd-ocfs2.xml").toAbsolutePath();
        CliRunner.Result r = new CliRunner(dir).run("simulate", "-x", example.toString(), "--explain", "VM.1");
        assertEquals(0, r.code(), r.err());
        // a clone has no node of its own: its instances' nodes are where it is placed
        assertTrue(r.out().contains("with OCFS.MOUNT.CLONE, which is placed on "), r.out());
        assertFalse(r.out().contains("OCFS.MOUNT.CLONE, which is placed nowhere"), r.out());
    }

    @Test
    void scoresArePrintedPerNode() throws IOException {
        CliRunner.Result r = runner().run("simulate", "-x", "cib.xml", "-s");
        assertTrue(r.out().contains("web allocation score on node2: 100"), r.out());
        assertTrue(r.out().contains("web allocation score on node1: 0"), r.out());
    }

    @Test
    void jsonOutputCarriesSummaryAndPlacements() throws IOException {
        CliRunner.Result r = runner().run("simulate", "-x", "cib.xml", "--output-as", "json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"summary\" : [ \"Start web ( node2 )\" ]"), r.out());
        assertTrue(r.out().contains("\"web\" : \"node2\""), r.out());
    }

    @Test
    void unsupportedFeaturesAreNamedInTheOutput() throws IOException {
        Files.writeString(dir.resolve("bundle.xml"), CIB.replace("</resources>",
                "<bundle id=\"web-bundle\"><network control-port=\"3121\"/></bundle></resources>"));
        CliRunner.Result r = new CliRunner(dir).run("simulate", "-x", "bundle.xml");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Not supported by this scheduler"), r.out());
        assertTrue(r.out().contains("bundle web-bundle") && r.out().contains("no container runtime"), r.out());
    }

    @Test
    void bundlesAreShownAsCrmMonShowsThem() throws IOException {
        Files.writeString(dir.resolve("bundle.xml"), CIB.replace("</resources>",
                "<bundle id=\"web-bundle\"><docker image=\"httpd\" replicas=\"2\"/></bundle></resources>"));
        CliRunner.Result r = new CliRunner(dir).run("simulate", "-x", "bundle.xml", "-S");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("* Container bundle set: web-bundle [httpd]:"), r.out());
        assertTrue(r.out().contains("* web-bundle-docker-1\t(ocf:heartbeat:docker):\t Stopped"), r.out());
    }

    @Test
    void unknownExplainTargetIsAnError() throws IOException {
        CliRunner.Result r = runner().run("simulate", "-x", "cib.xml", "--explain", "nope");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no resource 'nope'"), r.err());
    }

    @Test
    void missingFileIsAOneLineError() {
        CliRunner.Result r = new CliRunner(dir).run("simulate", "-x", "absent.xml");
        assertEquals(1, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void batchComparesWithExpectedSummaries() throws IOException {
        Path cases = dir.resolve("cases");
        Files.createDirectories(cases);
        Files.writeString(cases.resolve("good.xml"), CIB);
        Files.writeString(cases.resolve("good.summary"), "Transition Summary:\n  * Start      web     ( node2 )\n");
        Files.writeString(cases.resolve("bad.xml"), CIB);
        Files.writeString(cases.resolve("bad.summary"), "Transition Summary:\n  * Start      web     ( node1 )\n");
        CliRunner.Result r = new CliRunner(dir).run("simulate", "--batch", "cases", "--output-dir", "out");
        assertEquals(1, r.code());
        assertTrue(r.out().contains("1 passed, 1 failed"), r.out());
        assertTrue(Files.readString(dir.resolve("out/good.summary")).contains("Start      web"));
    }
}
