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
        for (String session : List.of("acl", "newfeatures", "rset", "bundle")) {
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
        String crmsh = CibCanon.configurationOf(nodeSetIds(crmsh(dir, statements)));
        // one statement at a time, later ones replacing earlier ones (crmsh's sessions delete and redefine)
        org.vigil.cib.Configuration c = org.vigil.cib.Configuration.EMPTY;
        for (Statement st : ConfigParser.parseText(statements)) {
            c = ConfigApplier.apply(c, List.of(st), ConfigApplier.Mode.UPDATE);
        }
        String vigil = CibCanon.of(c);
        assertEquals(crmsh, vigil, name + ":\n" + statements);
    }

    /**
     * The one deliberate difference: node attribute sets keep Pacemaker's ids ({@code nodes-NODE},
     * {@code nodes-NODE-utilization}, what crm_attribute writes) where crmsh writes {@code NODE-instance_attributes}.
     */
    static String nodeSetIds(String cib) throws Exception {
        javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        org.w3c.dom.Document d = f.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(cib)));
        org.w3c.dom.NodeList nodes = d.getElementsByTagName("node");
        for (int i = 0; i < nodes.getLength(); i++) {
            org.w3c.dom.Element node = (org.w3c.dom.Element) nodes.item(i);
            String id = node.getAttribute("id");
            for (org.w3c.dom.Node k = node.getFirstChild(); k != null; k = k.getNextSibling()) {
                if (!(k instanceof org.w3c.dom.Element set)) {
                    continue;
                }
                String kind = set.getTagName();
                String crmshId = id + "-" + kind;
                String ours = kind.equals("utilization") ? "nodes-" + id + "-utilization" : "nodes-" + id;
                String old = set.getAttribute("id");
                if (!old.startsWith(crmshId)) {
                    continue;
                }
                String renamed = ours + old.substring(crmshId.length());
                set.setAttribute("id", renamed);
                org.w3c.dom.NodeList pairs = set.getElementsByTagName("nvpair");
                for (int p = 0; p < pairs.getLength(); p++) {
                    org.w3c.dom.Element pair = (org.w3c.dom.Element) pairs.item(p);
                    if (pair.getAttribute("id").startsWith(old + "-")) {
                        pair.setAttribute("id", renamed + pair.getAttribute("id").substring(old.length()));
                    }
                }
            }
        }
        java.io.StringWriter w = new java.io.StringWriter();
        javax.xml.transform.TransformerFactory.newInstance().newTransformer().transform(
                new javax.xml.transform.dom.DOMSource(d), new javax.xml.transform.stream.StreamResult(w));
        return w.toString();
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
