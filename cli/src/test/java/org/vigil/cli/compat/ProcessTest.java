package org.vigil.cli.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** crm as a real process: the JVM's own environment carries CIB_file, exit codes reach the shell. */
class ProcessTest {
    record Run(int code, String out, String err) {}

    private static Run run(Path dir, String cibFile, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().remove("CIB_file");
        // never the machine's real vigild: live mode goes to a socket that does not exist
        pb.environment().put("VIGIL_SOCKET", dir.resolve("no-vigild.sock").toString());
        if (cibFile != null) {
            pb.environment().put("CIB_file", cibFile);
        }
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "crm did not finish");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static List<String> java(String... args) {
        List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.vigil.cli.Main"));
        c.addAll(List.of(args));
        return c;
    }

    @Test
    void mainReadsCibFileFromTheProcessEnvironment(@TempDir Path dir) throws Exception {
        Run set = run(dir, "cib.xml", java("configure", "property", "stonith-enabled=false"));
        assertEquals(0, set.code(), set.err());
        assertTrue(Files.exists(dir.resolve("cib.xml")));
        Run show = run(dir, "cib.xml", java("configure", "show"));
        assertEquals("property cib-bootstrap-options: \\\n\tstonith-enabled=false\n", show.out());
    }

    @Test
    void withoutCibFileAndWithoutVigildTheProcessExitsOneWithTheReason(@TempDir Path dir) throws Exception {
        Run r = run(dir, null, java("status"));
        assertEquals(1, r.code());
        assertTrue(r.err().contains("vigild is not running on this node") && r.err().contains("CIB_file"), r.err());
    }

    @Test
    void usageErrorsExitTwoWithASuggestion(@TempDir Path dir) throws Exception {
        Run r = run(dir, "cib.xml", java("stauts"));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Did you mean") && r.err().contains("status"), r.err());
    }

    @Test
    void concurrentProcessesLoseNoChange(@TempDir Path dir) throws Exception {
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ProcessBuilder pb = new ProcessBuilder(java("configure", "property", "p" + i + "=" + i))
                    .directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("out" + i + ".txt").toFile());
            pb.environment().put("CIB_file", "cib.xml");
            ps.add(pb.start());
        }
        for (Process p : ps) {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
        }
        org.vigil.cib.Cib cib = org.vigil.cib.CibXml.parse(Files.readString(dir.resolve("cib.xml")));
        assertEquals(4, cib.configuration().clusterProperties().get(0).pairs().size(), "every change is kept");
        assertEquals(4, cib.version().epoch());
    }

    /** The launchers in bin/ need the packaged jar; 'mvn package' builds it after the tests run. */
    @Test
    void maintenanceScriptCommandsWorkThroughTheLaunchers(@TempDir Path dir) throws Exception {
        Path bin = Path.of("..", "bin").toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.exists(Path.of("target", "vigil-cli.jar")),
                "skipped: target/vigil-cli.jar not built yet (run mvn package first)");
        String cib = dir.resolve("cib.xml").toString();
        assertEquals(0, run(dir, cib, List.of(bin.resolve("crm").toString(), "configure", "primitive", "vm01",
                "ocf:heartbeat:Xen", "params", "xmfile=/etc/xen/vm01.cfg")).code());
        Run attr = run(dir, cib, List.of(bin.resolve("crm_attribute").toString(), "--type", "nodes",
                "--node-uname", "server50", "--attr-name", "ip_livemigration", "--attr-value", "192.168.1.50"));
        assertEquals(0, attr.code(), attr.err());
        Run nodes = run(dir, cib, List.of(bin.resolve("crm_node").toString(), "-l"));
        assertEquals("server50 server50 lost\n", nodes.out());
        Run show = run(dir, cib, List.of(bin.resolve("crm").toString(), "resource", "show"));
        assertEquals("  * vm01\t(ocf:heartbeat:Xen):\t Stopped\n", show.out());
        Run verify = run(dir, cib, List.of(bin.resolve("crm_verify").toString(), "-L"));
        assertTrue(verify.code() == 0, verify.err());
        Run mon = run(dir, cib, List.of(bin.resolve("crm_mon").toString(), "-1", "-r"));
        assertTrue(mon.out().contains("Full List of Resources:"), mon.out());
    }
}
