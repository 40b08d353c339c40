package org.vigil.cli.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.agents.AgentRegistry;
import org.vigil.agents.HostEnvironment;
import org.vigil.cli.Main;
import picocli.CommandLine;

class RaCommandTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private HostEnvironment host() {
        return HostEnvironment.system().withStateDir(tmp.resolve("rsctmp")).withPollInterval(Duration.ofMillis(20));
    }

    private int crmRa(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cl = new CommandLine(new RaCommand(this::host, AgentRegistry::load));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private static boolean debianAgents() {
        return Files.isExecutable(Path.of("/usr/lib/ocf/resource.d/heartbeat/Dummy"));
    }

    @Test
    void execDebianDummyStartMonitorStopThenMonitorExitsSeven() {
        assumeTrue(debianAgents(), "Debian resource-agents not installed (/usr/lib/ocf/resource.d/heartbeat/Dummy)");
        assertEquals(0, crmRa("exec", "ocf:heartbeat:Dummy", "start"), err.toString());
        assertEquals(0, crmRa("exec", "ocf:heartbeat:Dummy", "monitor"), err.toString());
        assertTrue(Files.exists(tmp.resolve("rsctmp/Dummy-Dummy.state")), "stable instance name across invocations");
        assertEquals(0, crmRa("exec", "ocf:heartbeat:Dummy", "stop"), err.toString());
        assertEquals(7, crmRa("exec", "ocf:heartbeat:Dummy", "monitor"), err.toString());
        assertTrue(err.toString().contains("not running (rc=7)"), err.toString());
    }

    @Test
    void execPassesParametersAndResourceName() {
        Path state = tmp.resolve("custom.state");
        assertEquals(0, crmRa("exec", "-r", "web", "ocf:heartbeat:Dummy", "start", "state=" + state), err.toString());
        assertTrue(Files.exists(state));
        assertEquals(0, crmRa("exec", "-r", "web", "ocf:heartbeat:Dummy", "stop", "state=" + state), err.toString());
    }

    @Test
    void execExitsWithTheAgentsOcfCodeForConfigurationErrors() {
        assertEquals(6, crmRa("exec", "ocf:vigil:process", "start"), err.toString());
        assertTrue(err.toString().contains("command"), err.toString());
    }

    @Test
    void execAsJsonReportsCodeStatusAndPromotionScores() {
        HostEnvironment noScripts = host().withOcfRoot(tmp.resolve("no-ocf"));
        CommandLine cl = new CommandLine(new RaCommand(() -> noScripts, AgentRegistry::load));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        assertEquals(0, cl.execute("exec", "--output-as", "json", "ocf:pacemaker:Stateful", "start"), err.toString());
        String json = out.toString().strip();
        assertTrue(json.startsWith("{\"agent\":\"ocf:pacemaker:Stateful\",\"action\":\"start\""), json);
        assertTrue(json.contains("\"rc\":0"), json);
        assertTrue(json.contains("\"status\":\"success\""), json);
        assertTrue(json.contains("\"value\":\"5\""), json);
    }

    @Test
    void execOfUnknownAgentExitsNotInstalled() {
        assertEquals(5, crmRa("exec", "ocf:nosuch:Thing", "start"));
        assertTrue(err.toString().contains("not found"), err.toString());
    }

    @Test
    void execRejectsUnknownActionsAndMalformedParametersAsUsageErrors() {
        assertEquals(2, crmRa("exec", "ocf:heartbeat:Dummy", "explode"));
        assertTrue(err.toString().contains("unknown action 'explode'"), err.toString());
        assertEquals(2, crmRa("exec", "ocf:heartbeat:Dummy", "start", "novalue"));
        assertTrue(err.toString().contains("must be name=value"), err.toString());
        assertEquals(2, crmRa("exec", "Dummy", "start"));
    }

    @Test
    void infoShowsParametersDefaultsAndTimeouts() {
        assertEquals(0, crmRa("info", "ocf:vigil:process"), err.toString());
        String text = out.toString();
        assertTrue(text.contains("command* (string)"), text);
        assertTrue(text.contains("stop_timeout (integer, [10])"), text);
        assertTrue(text.matches("(?s).*start\\s+timeout=20s.*"), text);
    }

    @Test
    void infoAsJsonNamesEveryParameter() {
        assertEquals(0, crmRa("info", "--output-as", "json", "ocf:pacemaker:Stateful"), err.toString());
        assertTrue(out.toString().startsWith("{\"agent\":\"ocf:pacemaker:Stateful\""), out.toString());
        assertTrue(out.toString().contains("\"name\":\"state\""), out.toString());
    }

    @Test
    void infoOfUnknownAgentFails() {
        assertEquals(1, crmRa("info", "ocf:nosuch:Thing"));
        assertTrue(err.toString().contains("not found"), err.toString());
    }

    @Test
    void listFiltersByClassAndProvider() {
        assertEquals(0, crmRa("list", "ocf:vigil"), err.toString());
        assertTrue(out.toString().lines().anyMatch("ocf:vigil:process"::equals), out.toString());
        assertTrue(out.toString().lines().allMatch(l -> l.startsWith("ocf:vigil:")), out.toString());
        assertEquals(1, crmRa("list", "nosuchclass"));
    }

    @Test
    void execFencesWithANativeFenceAgentAndExitsWithItsCode() {
        String dir = "state_dir=" + tmp.resolve("power");
        assertEquals(0, crmRa("exec", "stonith:fence_vigil_file", "status", "--target", "server51", dir), err.toString());
        assertEquals(0, crmRa("exec", "stonith:fence_vigil_file", "off", "--target", "server51", dir), err.toString());
        assertEquals(2, crmRa("exec", "stonith:fence_vigil_file", "status", "--target", "server51", dir), err.toString());
        assertTrue(err.toString().contains("power off (rc=2)"), err.toString());
        assertEquals(2, crmRa("exec", "stonith:fence_vigil_file", "off", dir), "a power action needs --target");
    }

    @Test
    void execFencesWithDebianFenceDummy() {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/fence_dummy")), "Debian fence-agents not installed (/usr/sbin/fence_dummy)");
        String status = "status_file=" + tmp.resolve("fd.status");
        assertEquals(0, crmRa("exec", "stonith:fence_dummy", "on", "--target", "node2", status), err.toString());
        assertEquals(0, crmRa("exec", "stonith:fence_dummy", "status", "--target", "node2", status), err.toString());
        assertEquals(0, crmRa("exec", "stonith:fence_dummy", "monitor", status), err.toString());
    }

    @Test
    void infoOfXenListsTheParametersSeedClustersUse() {
        assertEquals(0, crmRa("info", "ocf:heartbeat:Xen"), err.toString());
        String text = out.toString();
        assertTrue(text.contains("xmfile* (string)"), text);
        assertTrue(text.contains("node_ip_attribute (string)"), text);
        assertTrue(text.contains("shutdown_timeout (string)"), text);
        assertTrue(text.contains("Implemented by: native agent org.vigil.agents.xen.XenAgent"), text);
        assertTrue(text.matches("(?s).*migrate_to\\s+timeout=120s.*"), text);
    }

    @Test
    void execPassesNodeAttributesToNativeAgents() throws Exception {
        // a minimal stand-in for xl: a running vm01 that records where it is migrated to
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path xl = bin.resolve("xl");
        Path migrations = tmp.resolve("migrations");
        Files.writeString(xl, "#!/bin/sh\ncase \"$1\" in\n"
                + "  list) printf 'Name ID Mem VCPUs State Time(s)\\nvm01 1 1024 1 -b---- 1.0\\n' ;;\n"
                + "  migrate) echo \"$2 $3\" >> " + migrations + " ;;\n"
                + "esac\n");
        xl.toFile().setExecutable(true);
        Path cfg = Files.writeString(tmp.resolve("vm01.cfg"), "name = \"vm01\"\n");
        HostEnvironment withXl = host().withPath(bin + ":/usr/bin:/bin");
        CommandLine cl = new CommandLine(new RaCommand(() -> withXl, AgentRegistry::load));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int rc = cl.execute("exec", "ocf:heartbeat:Xen", "migrate_to", "xmfile=" + cfg, "node_ip_attribute=ip_livemigration",
                "--meta", "migrate_target=server51", "--node-attr", "server51:ip_livemigration=192.168.1.51");
        assertEquals(0, rc, err.toString());
        assertEquals("vm01 192.168.1.51", Files.readString(migrations).strip());
    }

    @Test
    void raIsRegisteredUnderCrm() {
        assertEquals(0, Main.run("ra", "list", "ocf:vigil"));
    }
}
