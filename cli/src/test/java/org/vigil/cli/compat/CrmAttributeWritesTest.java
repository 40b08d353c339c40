package org.vigil.cli.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;
import org.vigil.cli.CliRunner;

/**
 * crm_attribute's changes (-v, -D, with -N, -l reboot, -z, -t crm_config) applied to a copy of a shared Pacemaker
 * input by Pacemaker's crm_attribute and, on another copy, by Vigil's: the resulting CIBs are the same (read
 * through the CIB model, so attribute order and the version counters do not count) and the exit codes agree.
 */
class CrmAttributeWritesTest {
    private static final List<String> CHANGES = List.of(
            "-n foo -v bar",
            "-n foo -v baz",
            "-n fencing-enabled -D",
            "-n nosuch -D",
            "-N f20node2 -n attr1 -v x",
            "-N f20node2 -n attr1 -v y",
            "-N f20node1 -n attr2 -v y -l reboot",
            "-N f20node1 -n probe_complete -D -l reboot",
            "-N f20node1 -n standby -D",
            "-N f20node1 -z -n cpu -v 2",
            "-N f20node1 -n master-myclone -v 10 -t status",
            "-p myclone -N f20node2 -v 5");

    @Test
    void changesLeaveTheSameCibAsPacemakersCrmAttribute(@TempDir Path tmp) throws Exception {
        Path tool = CrmToolsDifferentialTest.tool("crm_attribute");
        Path input = CrmToolsDifferentialTest.cases().resolve("10-a-then-bm-b-move-a-clone.xml");
        Path theirs = tmp.resolve("theirs.xml");
        Path ours = tmp.resolve("ours.xml");
        Files.copy(input, theirs, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(input, ours, StandardCopyOption.REPLACE_EXISTING);
        for (String change : CHANGES) {
            List<String> cmd = new ArrayList<>(List.of(tool.toString()));
            cmd.addAll(List.of(change.split(" ")));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("CIB_file", theirs.toString());
            Process p = pb.start();
            p.getInputStream().readAllBytes();
            p.waitFor(60, TimeUnit.SECONDS);
            List<String> args = new ArrayList<>(List.of("crm_attribute"));
            args.addAll(List.of(change.split(" ")));
            CliRunner.Result r = new CliRunner(tmp).env("CIB_file", ours.toString()).run(args.toArray(new String[0]));
            assertEquals(p.exitValue(), r.code(), "exit code of crm_attribute " + change + ": " + r.err());
            Cib want = CibXml.parse(Files.readString(theirs));
            Cib got = CibXml.parse(Files.readString(ours));
            assertEquals(want.configuration(), got.configuration(), "configuration after crm_attribute " + change);
            assertEquals(want.status(), got.status(), "status after crm_attribute " + change);
        }
    }
}
