package org.vigil.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same statements given to the real crmsh ({@code crm -f} against a {@code CIB_file}, offline) and to Vigil's
 * configure language give the same configuration XML (compared canonically: attribute and sibling order aside).
 */
class CrmshDifferentialTest {
    static final Path CRM = Path.of("/usr/sbin/crm");
    static final String EMPTY_CIB = "<cib crm_feature_set=\"3.16.2\" validate-with=\"pacemaker-3.9\" epoch=\"1\" "
            + "num_updates=\"0\" admin_epoch=\"0\"><configuration><crm_config/><nodes/><resources/><constraints/>"
            + "</configuration><status/></cib>\n";

    @BeforeAll
    static void crmshInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(CRM), "skipped: crmsh not installed at " + CRM
                + " (Debian's crmsh package)");
    }

    static Stream<Arguments> statements() throws Exception {
        List<Arguments> out = new ArrayList<>();
        // crmsh 4.4 parses acl_group but its configure level has no such command
        CrmshLanguageTest.constructs().forEach(a -> out.add(Arguments.of(a.get()[0], ((String) a.get()[1]).lines()
                .filter(l -> !l.startsWith("acl_group")).reduce((x, y) -> x + "\n" + y).orElse(""))));
        // crmsh's own sessions, as far as both tools define the same objects
        for (String session : List.of("acl", "newfeatures", "rset")) {
            Path f = CrmshCorpusTest.TESTCASES.resolve(session);
            if (Files.exists(f)) {
                out.add(Arguments.of("crmsh test case " + session, String.join("\n",
                        CrmshCorpusTest.statements(Files.readString(f)))));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statements")
    void crmshAndVigilWriteTheSameConfiguration(String name, String statements, @TempDir Path dir) throws Exception {
        String crmsh = CibCanon.configurationOf(crmsh(dir, statements));
        String vigil = CibCanon.of(CrmshLanguageTest.load(statements));
        assertEquals(crmsh, vigil, name + ":\n" + statements);
    }

    /** crmsh's {@code show xml} of the statements; it is not committed (crmsh shows its own pending CIB). */
    static String crmsh(Path dir, String statements) throws Exception {
        Path cib = dir.resolve("cib.xml");
        Files.writeString(cib, EMPTY_CIB);
        Path script = dir.resolve("in.crm");
        Files.writeString(script, "configure\n" + statements + "\nshow xml\n");
        ProcessBuilder pb = new ProcessBuilder(CRM.toString(), "-f", script.toString());
        pb.environment().put("CIB_file", cib.toString());
        pb.environment().put("HOME", dir.toString());
        pb.redirectError(dir.resolve("err.txt").toFile());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("crmsh did not finish in 120 s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        int a = text.indexOf("<cib");
        int b = text.indexOf("</cib>");
        if (a < 0 || b < 0) {
            throw new AssertionError("crmsh printed no CIB:\n" + text + "\n" + Files.readString(dir.resolve("err.txt")));
        }
        return text.substring(a, b + "</cib>".length());
    }
}
