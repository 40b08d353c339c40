package org.vigil.cli.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cli.CliRunner;

/**
 * {@code --output-as xml} and {@code --output-to} of crm_resource and crm_attribute: Pacemaker 2.1.5's
 * {@code <pacemaker-result>} documents (checked against the installed tools by CrmToolsDifferentialTest), here
 * the parts that do not need the tools: the quoted command line, errors inside the status, files.
 */
class CrmToolsXmlAnswersTest {
    private static CliRunner onCase(Path tmp, String name) {
        return new CliRunner(tmp).env("CIB_file", CrmToolsDifferentialTest.cases().resolve(name + ".xml").toString());
    }

    @Test
    void theRequestQuotesArgumentsWithSpacesAsPacemakerDoes() {
        assertEquals("crm_resource -r 'a b' -g 'it\\'s here' -W",
                XmlAnswer.request("crm_resource", List.of("-r", "a b", "-g", "it's here", "-W")));
    }

    @Test
    void locateAnswersWithTheNodesAndPromotedState(@TempDir Path tmp) {
        CliRunner.Result r = onCase(tmp, "a-demote-then-b-migrate").run("crm_resource", "-r", "ms1", "-W",
                "--output-as", "xml");
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                <pacemaker-result api-version="2.25" request="crm_resource -r ms1 -W --output-as xml">
                  <nodes resource="ms1">
                    <node>node2</node>
                    <node state="promoted">node1</node>
                  </nodes>
                  <status code="0" message="OK"/>
                </pacemaker-result>
                """, r.out());
    }

    @Test
    void aMissingResourceIsAnErrorInsideTheStatus(@TempDir Path tmp) {
        CliRunner.Result r = onCase(tmp, "a-demote-then-b-migrate").run("crm_resource", "-r", "nosuch", "-q",
                "--output-as", "xml");
        assertEquals(105, r.code());
        assertEquals("""
                <pacemaker-result api-version="2.25" request="crm_resource -r nosuch -q --output-as xml">
                  <status code="105" message="No such object">
                    <errors>
                      <error>crm_resource: Resource 'nosuch' not found
                Error performing operation: No such object</error>
                    </errors>
                  </status>
                </pacemaker-result>
                """, r.out());
        assertEquals("", r.err(), "XML answers keep their errors in the document");
    }

    @Test
    void constraintsAnswerWithTheConstraintElements(@TempDir Path tmp) {
        CliRunner.Result r = onCase(tmp, "a-demote-then-b-migrate").run("crm_resource", "-r", "rsc2", "-a",
                "--output-as", "xml");
        assertEquals("""
                <pacemaker-result api-version="2.25" request="crm_resource -r rsc2 -a --output-as xml">
                  <constraints>
                    <rsc_location node="node1" rsc="rsc2" id="loc-rsc2" score="-INFINITY"/>
                    <rsc_colocation id="ms1-promoted-with-rsc2" rsc="ms1" with-rsc="rsc2" score="INFINITY" \
                rsc-role="Promoted"/>
                    <rsc_location node="node2" rsc="ms1" id="loc-ms1-node2" score="100"/>
                    <rsc_location node="node1" rsc="ms1" id="loc-ms1-node1" score="100"/>
                  </constraints>
                  <status code="0" message="OK"/>
                </pacemaker-result>
                """, r.out());
    }

    @Test
    void aParameterAnswersAsAOneItemList(@TempDir Path tmp) {
        CliRunner.Result r = onCase(tmp, "a-demote-then-b-migrate").run("crm_resource", "-r", "rsc2", "-m", "-g",
                "allow-migrate", "--output-as", "xml");
        assertTrue(r.out().contains("""
                  <list name="attributes" count="1">
                    <item name="allow-migrate">true</item>
                  </list>
                """), r.out());
    }

    @Test
    void aChangeAnswersWithItsStatusAndKeepsAMessageOfSeveralLinesWhole(@TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("cib.xml");
        Files.copy(CrmToolsDifferentialTest.cases().resolve("bug-cl-5168.xml"), copy);
        CliRunner.Result r = new CliRunner(tmp).env("CIB_file", copy.toString()).run("crm_resource", "-r", "fs2",
                "--move", "--output-as", "xml");
        assertEquals(64, r.code());
        assertEquals("""
                <pacemaker-result api-version="2.25" request="crm_resource -r fs2 --move --output-as xml">
                  <status code="64" message="Incorrect usage">
                    <errors>
                      <error>crm_resource: Resource 'fs2' not moved: active in 3 locations.
                To prevent 'fs2' from running on a specific location, specify a node.</error>
                    </errors>
                  </status>
                </pacemaker-result>
                """, r.out());
    }

    @Test
    void agentListsAnswerWithPacemakersElements(@TempDir Path tmp) {
        CliRunner.Result r = onCase(tmp, "a-demote-then-b-migrate").run("crm_resource", "--list-agents", "nope",
                "--output-as", "xml");
        assertEquals(1, r.code());
        assertTrue(r.out().contains("""
                      <error>crm_resource: No agents found for standard 'nope'
                Error performing operation: Error occurred</error>
                """), r.out());
        r = onCase(tmp, "a-demote-then-b-migrate").run("crm_resource", "--list-ocf-providers", "--output-as", "xml");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("""
                  <providers standard="ocf">
                """) && r.out().contains("<provider>heartbeat</provider>"), r.out());
    }

    @Test
    void crmAttributeDefaultNamesTheNodeItWasAskedFor(@TempDir Path tmp) {
        CliRunner.Result r = onCase(tmp, "a-demote-then-b-migrate").run("crm_attribute", "-N", "node1", "-n", "foo",
                "-G", "-d", "x", "--output-as", "xml");
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                <pacemaker-result api-version="2.25" request="crm_attribute -N node1 -n foo -G -d x --output-as xml">
                  <attribute name="foo" value="x" scope="nodes" host="node1"/>
                  <status code="0" message="OK"/>
                </pacemaker-result>
                """, r.out());
    }

    @Test
    void outputToWritesTheAnswerToTheFile(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("answer.txt");
        CliRunner.Result r = onCase(tmp, "a-demote-then-b-migrate").run("crm_resource", "-l", "--output-to",
                file.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals("rsc1:0\nrsc1:1\nrsc2\n", Files.readString(file));
        r = onCase(tmp, "a-demote-then-b-migrate").run("crm_attribute", "-n", "no-quorum-policy", "-G", "-q",
                "--output-to", file.toString());
        assertEquals("ignore\n", Files.readString(file));
        r = onCase(tmp, "a-demote-then-b-migrate").run("crm_resource", "-l", "--output-to",
                tmp.resolve("no/such/dir").toString());
        assertEquals(1, r.code());
        assertEquals("crm_resource: Error creating output format (null): No such file or directory\n"
                + "Error performing operation: Error occurred\n", r.err());
    }
}
