package org.vigil.cli.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;
import org.vigil.cli.CliRunner;

/**
 * crm_resource's changes (--move, --ban, --clear with --promoted/--force/-N, -p/-d with --meta/--utilization/-s/-i,
 * -D -t) applied in turn to a copy of a shared Pacemaker input by Pacemaker's crm_resource and, on another copy,
 * by Vigil's: the same stdout, exit code and CIB (as models) after each. The input has groups, an anonymous
 * clone of a group, and promotable clones.
 */
class CrmResourceChangesTest {
    private static final List<String> CHANGES = List.of(
            "-r dummy3 --move -N hex-2",
            "-r dummy3 --move -N hex-3",
            "-r dummy3 --ban -N hex-2",
            "-r dummy3 --clear -N hex-2",
            "-r dummy3 --move",
            "-r dummy3 --clear",
            "-r md0 --move -N hex-2",
            "-r fs2 --move -N hex-1",
            "-r fs2 --move",
            "-r fs2 --ban",
            "-r fs-ocfs-2:0 --move -N hex-2",
            "-r ms-r0 --move -N hex-2 --promoted",
            "-r ms-r0 --ban --promoted",
            "-r ms-r0 --clear",
            "-r dummy4 --move -N nosuch",
            "-r dummy4 --ban -N hex-3 --force",
            "-r dummy4 --move -N hex-1 --force",
            "-Q -r dummy4 --clear",
            "-r dummy5 -p foo -v bar",
            "-r dummy5 -p foo -v baz",
            "-r dummy5 -p foo -v 1 -s myset",
            "-r dummy5 -p foo -v bar --meta",
            "-r dummy5 -p cpu -v 2 --utilization",
            "-r dummy5 -p foo -v 2 -s myset",
            "-r dummy5 -p foo -v 3",
            "-r dummy5 -d foo",
            "-r dummy5 -d nosuch",
            "-r dlm:0 -p foo -v 1",
            "-r md0-group -p target-role -v Stopped --meta",
            "-r dummy5 -p foo",
            "-r dummy6 -D -t group",
            "-r dummy6 -D",
            "-r nosuch --move -N hex-1");

    @Test
    void changesLeaveTheSameCibAndSayTheSameAsPacemakersCrmResource(@TempDir Path tmp) throws Exception {
        Path tool = CrmToolsDifferentialTest.tool("crm_resource");
        Path input = CrmToolsDifferentialTest.cases().resolve("bug-cl-5168.xml");
        Path theirs = tmp.resolve("theirs.xml");
        Path ours = tmp.resolve("ours.xml");
        Files.copy(input, theirs, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(input, ours, StandardCopyOption.REPLACE_EXISTING);
        for (String change : CHANGES) {
            List<String> cmd = new ArrayList<>(List.of(tool.toString()));
            cmd.addAll(List.of(change.split(" ")));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("CIB_file", theirs.toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            List<String> args = new ArrayList<>(List.of("crm_resource"));
            args.addAll(List.of(change.split(" ")));
            CliRunner.Result r = new CliRunner(tmp).env("CIB_file", ours.toString()).run(args.toArray(new String[0]));
            assertEquals(p.exitValue(), r.code(), "exit code of crm_resource " + change + ": " + r.err());
            assertEquals(out, r.out(), "stdout of crm_resource " + change);
            Cib want = CibXml.parse(Files.readString(theirs));
            Cib got = CibXml.parse(Files.readString(ours));
            assertEquals(want.configuration(), got.configuration(), "configuration after crm_resource " + change);
        }
    }

    @Test
    void moveWithALifetimeWritesPacemakersRuleAndSaysWhenItEnds(@TempDir Path tmp) throws Exception {
        Path ours = tmp.resolve("ours.xml");
        Files.copy(CrmToolsDifferentialTest.cases().resolve("bug-cl-5168.xml"), ours);
        CliRunner crm = new CliRunner(tmp).env("CIB_file", ours.toString());
        // the runner's clock is 2026-11-22T04:00:00Z
        CliRunner.Result r = crm.run("crm_resource", "-r", "dummy3", "--move", "-N", "hex-2", "-u", "PT1H");
        assertEquals(0, r.code(), r.err());
        assertEquals("Migration will take effect until: 2026-11-22 05:00:00Z\n", r.out());
        String xml = Files.readString(ours);
        assertTrue(xml.contains("cli-prefer-lifetime-end-dummy3") && xml.contains("2026-11-22 05:00:00Z"), xml);
        r = crm.run("crm_resource", "-r", "dummy3", "--clear", "--expired");
        assertEquals("", r.out(), "the constraint has not expired yet");
        assertTrue(Files.readString(ours).contains("cli-prefer-dummy3"));
        r = crm.run("crm_resource", "-r", "dummy3", "--clear");
        assertEquals("Removing constraint: cli-prefer-dummy3\n", r.out());
    }

    @Test
    void cleanupOfACibFileIsPacemakersDryRunAndChangesNothing(@TempDir Path tmp) throws Exception {
        Path ours = tmp.resolve("ours.xml");
        Files.copy(CrmToolsDifferentialTest.cases().resolve("bug-cl-5168.xml"), ours);
        byte[] before = Files.readAllBytes(ours);
        CliRunner crm = new CliRunner(tmp).env("CIB_file", ours.toString());
        CliRunner.Result r = crm.run("crm_resource", "-R");
        assertEquals(0, r.code(), r.err());
        assertEquals("Dry run: skipping clean-up of all nodes due to CIB_file\n", r.out());
        r = crm.run("crm_resource", "-C", "-r", "dummy3", "-N", "hex-1", "-n", "monitor", "-I", "10s");
        assertEquals(0, r.code(), r.err());
        assertEquals("Dry run: skipping clean-up of dummy3 on hex-1 due to CIB_file\n", r.err());
        assertEquals(105, crm.run("crm_resource", "-C", "-r", "nosuch").code());
        assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(Files.readAllBytes(ours)));
    }
}
