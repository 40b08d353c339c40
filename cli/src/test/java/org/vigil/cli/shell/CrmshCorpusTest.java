package org.vigil.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.vigil.cib.Configuration;

/**
 * crmsh's own regression test sessions (Debian's crmsh package installs them): every configure statement is
 * parsed and applied, file by file, in order. The count of statements that load is a ratchet; what loaded is
 * shown and read back to the same configuration.
 */
class CrmshCorpusTest {
    /** Raise when more statements load; never lower. */
    static final int BASELINE = 221;
    static final Path TESTCASES = Path.of("/usr/share/crmsh/tests/testcases");
    static final Set<String> OBJECTS = Set.of("node", "primitive", "group", "clone", "ms", "master", "location",
            "colocation", "collocation", "order", "property", "rsc_defaults", "op_defaults", "rsc_template",
            "template", "fencing_topology", "tag", "rsc_ticket", "alert", "role", "acl_target", "acl_group", "user",
            "bundle");
    /** {@code node WORD} at the top level of a session is a node command, not a node definition. */
    static final Set<String> NODE_COMMANDS = Set.of("show", "standby", "online", "maintenance", "ready",
            "attribute", "utilization", "status-attr", "clearstate", "delete", "fence", "server");

    /** The object statements of one session file, continuation lines joined. */
    static List<String> statements(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.replace("\\\n", " ").split("\n")) {
            String[] w = line.trim().split("\\s+");
            if (w.length < 2 || !OBJECTS.contains(w[0]) || (w[0].equals("node") && NODE_COMMANDS.contains(w[1]))) {
                continue;
            }
            out.add(line.trim());
        }
        return out;
    }

    @Test
    void crmshTestStatementsLoad() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(TESTCASES), "skipped: crmsh test cases not found at " + TESTCASES
                + " (install Debian's crmsh)");
        List<Path> files;
        try (Stream<Path> s = Files.list(TESTCASES)) {
            files = s.filter(p -> !p.getFileName().toString().contains(".")).sorted().toList();
        }
        int total = 0;
        int loaded = 0;
        int xmlShown = 0;
        StringBuilder report = new StringBuilder();
        for (Path f : files) {
            Configuration conf = Configuration.EMPTY;
            for (String st : statements(Files.readString(f))) {
                total++;
                try {
                    conf = ConfigApplier.apply(conf, ConfigParser.parseText(st), ConfigApplier.Mode.UPDATE);
                    loaded++;
                } catch (ShellSyntaxException e) {
                    report.append(f.getFileName()).append(": ").append(st).append("\n    -> ")
                            .append(e.getMessage()).append('\n');
                }
            }
            String shown = ConfigPrinter.print(conf);
            Configuration back = ConfigApplier.apply(Configuration.EMPTY, ConfigParser.parseText(shown),
                    ConfigApplier.Mode.CREATE);
            assertEquals(CibCanon.of(conf), CibCanon.of(back), f.getFileName() + ": show reads back the same:\n"
                    + shown);
            xmlShown += (int) ConfigPrinter.objects(conf).stream().filter(o -> o.kind().equals("xml")).count();
        }
        Path out = Path.of("target/crmsh-corpus.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.println("crmsh test statements loading: " + loaded + " of " + total + " (failures in " + out
                + "); objects shown as xml: " + xmlShown);
        assertTrue(loaded >= BASELINE, "regressed: " + loaded + " < " + BASELINE);
    }
}
