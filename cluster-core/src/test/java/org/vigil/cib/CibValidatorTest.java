package org.vigil.cib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CibValidatorTest {
    private static final String HEAD = "<cib admin_epoch=\"0\" epoch=\"1\" num_updates=\"0\">\n<configuration>\n"
            + "<crm_config/>\n<nodes><node id=\"1\" uname=\"node1\"/><node id=\"2\" uname=\"node2\"/></nodes>\n";
    private static final String TAIL = "</configuration>\n<status/>\n</cib>\n";

    private static List<Finding> findings(String resources, String constraints) throws CibParseException {
        String xml = HEAD + "<resources>\n" + resources + "</resources>\n<constraints>\n" + constraints
                + "</constraints>\n" + TAIL;
        return CibValidator.validate(CibXml.standard().read(xml, "test.xml"));
    }

    private static final String DUMMY_A =
            "<primitive id=\"A\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>\n";

    @Test
    void cleanConfigurationHasNoFindings() throws Exception {
        assertEquals(List.of(), findings(DUMMY_A,
                "<rsc_location id=\"l1\" rsc=\"A\" node=\"node1\" score=\"INFINITY\"/>\n"));
    }

    @Test
    void duplicateIdIsAnErrorWithItsLine() throws Exception {
        List<Finding> f = findings(DUMMY_A + "<primitive id=\"A\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>\n",
                "");
        assertEquals(1, f.size(), f.toString());
        assertTrue(f.get(0).isError());
        assertEquals("A", f.get(0).objectId());
        assertEquals(6, f.get(0).line());
        assertTrue(f.get(0).format("test.xml").startsWith("test.xml:6: error: 'A': id is used by more"),
                f.get(0).format("test.xml"));
    }

    @Test
    void constraintOnMissingResourceNamesTheConstraint() throws Exception {
        List<Finding> f = findings(DUMMY_A, "<rsc_colocation id=\"c1\" rsc=\"A\" with-rsc=\"B\" score=\"INFINITY\"/>\n");
        assertEquals(1, f.size(), f.toString());
        assertEquals("c1", f.get(0).objectId());
        assertTrue(f.get(0).message().contains("'B', which does not exist"), f.get(0).message());
    }

    @Test
    void invalidScoreAndUnknownRoleAreErrors() throws Exception {
        List<Finding> f = findings(DUMMY_A,
                "<rsc_location id=\"l1\" rsc=\"A\" node=\"node1\" score=\"lots\" role=\"Boss\"/>\n");
        assertEquals(2, f.size(), f.toString());
        assertTrue(f.stream().anyMatch(x -> x.message().contains("score=\"lots\" is not a score")));
        assertTrue(f.stream().anyMatch(x -> x.message().contains("role=\"Boss\" is not a role")));
    }

    @Test
    void cloneInsideGroupAndGroupInsideGroupAreForbidden() throws Exception {
        List<Finding> f = findings("<group id=\"g\">" + DUMMY_A
                + "<clone id=\"c\"><primitive id=\"B\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/></clone>"
                + "<group id=\"g2\"><primitive id=\"C\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/></group>"
                + "</group>\n", "");
        assertTrue(f.stream().anyMatch(x -> x.objectId().equals("c") && x.message().contains("member of group")),
                f.toString());
        assertTrue(f.stream().anyMatch(x -> x.objectId().equals("g2") && x.message().contains("inside group")),
                f.toString());
    }

    @Test
    void masterThatSaysItIsNotPromotableConflicts() throws Exception {
        List<Finding> f = findings("<master id=\"ms\"><meta_attributes id=\"ms-m\">"
                + "<nvpair id=\"ms-p\" name=\"promotable\" value=\"false\"/></meta_attributes>"
                + "<primitive id=\"S\" class=\"ocf\" provider=\"pacemaker\" type=\"Stateful\"/></master>\n", "");
        assertEquals(1, f.size(), f.toString());
        assertEquals("ms", f.get(0).objectId());
        assertTrue(f.get(0).message().contains("always promotable"));
    }

    @Test
    void locationOnUnknownNodeIsOnlyAWarning() throws Exception {
        List<Finding> f = findings(DUMMY_A, "<rsc_location id=\"l1\" rsc=\"A\" node=\"node9\" score=\"100\"/>\n");
        assertEquals(1, f.size(), f.toString());
        assertEquals(Finding.Severity.WARNING, f.get(0).severity());
    }

    @Test
    void sharedInputsValidateWithoutErrorsExceptKnownBrokenOnes() throws Exception {
        // Pacemaker's suite is made of valid CIBs; the few it keeps on purpose to test bad input are named here.
        List<String> errors = new ArrayList<>();
        int checked = 0;
        for (Path p : SharedCorpus.schedulerInputs()) {
            for (Finding f : CibValidator.validate(CibXml.standard().read(p))) {
                if (f.isError()) {
                    errors.add(f.format(p.getFileName().toString()));
                }
            }
            checked++;
        }
        assertTrue(checked > 0);
        assertEquals(List.of("order-wrong-kind.xml:34: error: 'order1': <rsc_order id=\"order1\">: kind=\"foo\" is not"
                + " one of Mandatory, Optional, Serialize"), errors);
    }
}
