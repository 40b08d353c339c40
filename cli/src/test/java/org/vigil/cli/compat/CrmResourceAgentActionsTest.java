package org.vigil.cli.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cli.CliRunner;

/**
 * crm_resource's --validate and --force-start/-stop/-check/-promote/-demote: the agent action runs on this machine
 * with the resource's configuration (or the one given with --class/--agent/--provider/--option), reported in
 * Pacemaker's words and exiting with the agent's code; the same command lines answer as Pacemaker's installed tool.
 */
class CrmResourceAgentActionsTest {
    private static String cib(Path state) {
        return """
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
                    <resources>
                      <primitive id="d" class="ocf" provider="heartbeat" type="Dummy">
                        <instance_attributes id="d-params">
                          <nvpair id="d-state" name="state" value="STATE"/>
                        </instance_attributes>
                      </primitive>
                      <primitive id="svc" class="systemd" type="chronyd"/>
                      <group id="grp">
                        <primitive id="m" class="ocf" provider="heartbeat" type="Dummy"/>
                      </group>
                    </resources>
                    <constraints/>
                  </configuration>
                  <status/>
                </cib>
                """.replace("STATE", state.toString());
    }

    private static CliRunner runner(Path tmp) throws Exception {
        Path file = tmp.resolve("cib.xml");
        Files.writeString(file, cib(tmp.resolve("d.state")));
        return new CliRunner(tmp).env("CIB_file", file.toString());
    }

    @Test
    void forceStartCheckAndStopRunTheResourcesAgentHereWithItsParameters(@TempDir Path tmp) throws Exception {
        CliRunner crm = runner(tmp);
        Path state = tmp.resolve("d.state");
        CliRunner.Result r = crm.run("crm_resource", "-r", "d", "--force-check");
        assertEquals(7, r.code(), r.err());
        assertEquals("Operation force-check for d (ocf:heartbeat:Dummy) returned 7 (not running)\n", r.out());
        assertEquals("crm_resource: Error performing operation: Not running\n", r.err());
        r = crm.run("crm_resource", "-r", "d", "--force-start");
        assertEquals(0, r.code(), r.err());
        assertEquals("Operation force-start for d (ocf:heartbeat:Dummy) returned 0 (ok)\n", r.out());
        assertTrue(Files.exists(state), "the agent ran with the resource's state parameter");
        assertEquals(0, crm.run("crm_resource", "-r", "d", "--force-check").code());
        assertEquals(0, crm.run("crm_resource", "-r", "d", "--force-stop").code());
        assertFalse(Files.exists(state));
        r = crm.run("crm_resource", "-r", "d", "--validate");
        assertEquals(0, r.code(), r.err());
        assertEquals("Operation validate for d (ocf:heartbeat:Dummy) returned 0 (ok)\n", r.out());
    }

    @Test
    void anAgentGivenOnTheCommandLineRunsWithTheOptionsGiven(@TempDir Path tmp) throws Exception {
        CliRunner crm = runner(tmp);
        Path state = tmp.resolve("other.state");
        CliRunner.Result r = crm.run("crm_resource", "--force-start", "--class", "ocf", "--provider", "heartbeat",
                "--agent", "Dummy", "--option", "state=" + state);
        assertEquals(0, r.code(), r.err());
        assertEquals("Operation force-start (ocf:heartbeat:Dummy) returned 0 (ok)\n", r.out());
        assertTrue(Files.exists(state));
        r = crm.run("crm_resource", "--force-check=2", "--class", "ocf", "--provider", "heartbeat", "--agent",
                "Dummy", "--option", "state=" + state);
        assertEquals(0, r.code(), r.err());
        crm.run("crm_resource", "--force-stop", "--class", "ocf", "--provider", "heartbeat", "--agent", "Dummy",
                "--option", "state=" + state);
        assertFalse(Files.exists(state));
    }

    @Test
    void nameValueArgumentsOverrideTheConfiguredParametersAndAreAnnounced(@TempDir Path tmp) throws Exception {
        CliRunner crm = runner(tmp);
        Path other = tmp.resolve("override.state");
        CliRunner.Result r = crm.run("crm_resource", "--force-start", "-r", "d", "state=" + other);
        assertEquals(0, r.code(), r.err());
        assertEquals("Overriding the cluster configuration for 'd' with 'state' = '" + other + "'\n"
                + "Operation force-start for d (ocf:heartbeat:Dummy) returned 0 (ok)\n", r.out());
        assertTrue(Files.exists(other));
        assertFalse(Files.exists(tmp.resolve("d.state")));
        crm.run("crm_resource", "--force-stop", "-r", "d", "state=" + other);
    }

    @Test
    void groupsUnknownAgentsAndMixedOptionsAreRefusedAsPacemakerRefusesThem(@TempDir Path tmp) throws Exception {
        CliRunner crm = runner(tmp);
        CliRunner.Result r = crm.run("crm_resource", "-r", "grp", "--force-start");
        assertEquals(3, r.code());
        assertEquals("Sorry, the force-start option doesn't support group resources\n"
                + "crm_resource: Error performing operation: Unimplemented\n", r.err());
        r = crm.run("crm_resource", "--validate", "--class", "ocf", "--provider", "heartbeat", "--agent", "Nope");
        assertEquals(64, r.code());
        assertEquals("crm_resource: ocf:heartbeat:Nope is not a known resource\n", r.err());
        r = crm.run("crm_resource", "--validate", "--class", "ocf", "--provider", "heartbeat", "--agent", "Dummy",
                "-r", "d");
        assertEquals(64, r.code());
        assertEquals(64, crm.run("crm_resource", "--class", "ocf", "--provider", "heartbeat", "--agent", "Dummy")
                .code());
        r = crm.run("crm_resource", "-r", "d", "--force-check=deep");
        assertEquals(64, r.code());
        assertEquals("crm_resource: Invalid check level setting: deep\n", r.err());
        r = crm.run("crm_resource", "-r", "svc", "--force-check");
        assertEquals(3, r.code());
        assertEquals("Operation force-check for svc (systemd:chronyd) could not be executed (Error: Manual execution"
                + " of the systemd standard is unsupported)\ncrm_resource: Error performing operation: Unimplemented\n",
                r.err());
        r = crm.run("crm_resource", "-r", "d", "-W", "x=1");
        assertEquals(64, r.code(), "name=value arguments only go with --validate and --force-*");
    }

    @Test
    void anActiveCloneIsNotForceStartedWithoutForce(@TempDir Path tmp) throws Exception {
        Path ours = tmp.resolve("ours.xml");
        Files.copy(CrmToolsDifferentialTest.cases().resolve("bug-cl-5168.xml"), ours);
        CliRunner crm = new CliRunner(tmp).env("CIB_file", ours.toString());
        CliRunner.Result r = crm.run("crm_resource", "-r", "ms-r0", "--force-promote");
        assertEquals(107, r.code());
        assertEquals("It is not safe to force-promote ms-r0 here: the cluster claims it is already active\n"
                + "Try setting target-role=Stopped first or specifying the force option\n"
                + "crm_resource: Error performing operation: Operation not safe\n", r.err());
    }

    @Test
    void anAgentActionAnswersInXml(@TempDir Path tmp) throws Exception {
        CliRunner crm = runner(tmp);
        CliRunner.Result r = crm.run("crm_resource", "--force-check", "-r", "d", "state=/nonexistent/x",
                "--output-as", "xml");
        assertEquals(7, r.code(), r.err());
        assertEquals("""
                <pacemaker-result api-version="2.25" request="crm_resource --force-check -r d state=/nonexistent/x \
                --output-as xml">
                  <resource-agent-action action="force-check" class="ocf" type="Dummy" rsc="d" provider="heartbeat">
                    <overrides>
                      <override name="state" value="/nonexistent/x" rsc="d"/>
                    </overrides>
                    <agent-status code="7" message="not running" execution_code="0" execution_message="complete"/>
                  </resource-agent-action>
                  <status code="7" message="Not running">
                    <errors>
                      <error>crm_resource: Error performing operation: Not running</error>
                    </errors>
                  </status>
                </pacemaker-result>
                """, r.out());
    }

    /** Command lines whose answer does not depend on this machine's agent state; STATE is a fresh file. */
    private static final List<String> SAME_AS_PACEMAKER = List.of(
            "--validate --class ocf --provider heartbeat --agent Dummy",
            "--validate --class ocf --provider heartbeat --agent Dummy --output-as xml",
            "--force-start --class ocf --provider heartbeat --agent Dummy --option state=STATE",
            "--force-check --class ocf --provider heartbeat --agent Dummy --option state=STATE",
            "--force-stop --class ocf --provider heartbeat --agent Dummy --option state=STATE --output-as xml",
            "--force-check --class ocf --provider heartbeat --agent Dummy --option state=STATE",
            "--force-check -r A state=STATE",
            "--force-check -r A state=STATE --output-as xml",
            "-r A --force-check state=STATE --output-as xml",
            "-r A --force-check=1 state=STATE",
            "-r A --force-check=x",
            "-r nosuch --force-check",
            "-r nosuch --force-check --output-as xml",
            "--force-check --class systemd --agent nosuch",
            "--force-check --class ocf --provider heartbeat --agent Nope",
            "--force-check --class ocf --provider heartbeat --agent Dummy -r A",
            "--class ocf --provider heartbeat --agent Dummy");

    @Test
    void agentActionsAnswerAsPacemakersCrmResource(@TempDir Path tmp) throws Exception {
        Path tool = CrmToolsDifferentialTest.tool("crm_resource");
        Path input = tmp.resolve("cib.xml");
        Files.copy(CrmToolsDifferentialTest.cases().resolve("1-a-then-bm-move-b.xml"), input,
                StandardCopyOption.REPLACE_EXISTING);
        input.toFile().setWritable(true);
        String state = tmp.resolve("shared.state").toString();
        for (String line : SAME_AS_PACEMAKER) {
            List<String> args = List.of(line.replace("STATE", state).split(" "));
            List<String> cmd = new ArrayList<>(List.of("/bin/bash", "-c", "exec -a crm_resource \"$0\" \"$@\"",
                    tool.toString()));
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("CIB_file", input.toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            List<String> ours = new ArrayList<>(List.of("crm_resource"));
            ours.addAll(args);
            CliRunner.Result r = new CliRunner(tmp).env("CIB_file", input.toString()).run(ours.toArray(new String[0]));
            assertEquals(p.exitValue(), r.code(), "exit code of crm_resource " + line + ": " + r.err());
            assertEquals(out, r.out(), "stdout of crm_resource " + line);
        }
    }
}
