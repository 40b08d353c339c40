package org.vigil.cib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigurationSchemaTest {
    private static List<Finding> errors(String validateWith, String resources, String constraints)
            throws CibParseException {
        String xml = "<cib admin_epoch=\"0\" epoch=\"1\" num_updates=\"0\" validate-with=\"" + validateWith + "\">"
                + "<configuration><crm_config/><nodes><node id=\"1\" uname=\"node1\"/></nodes><resources>" + resources
                + "</resources><constraints>" + constraints + "</constraints></configuration><status/></cib>";
        return CibValidator.validate(CibXml.standard().read(xml, "t.xml")).stream().filter(Finding::isError)
                .toList();
    }

    private static final String A = "<primitive id=\"A\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>";
    private static final String B = "<primitive id=\"B\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>";

    @Test
    void promotedRoleNeedsSchema37() throws Exception {
        String c = "<rsc_colocation id=\"c\" rsc=\"A\" with-rsc=\"B\" score=\"INFINITY\" with-rsc-role=\"Promoted\"/>";
        assertEquals(List.of(), errors("pacemaker-3.7", A + B, c));
        List<Finding> old = errors("pacemaker-3.0", A + B, c);
        assertEquals(1, old.size(), old.toString());
        assertTrue(old.get(0).message().contains("with-rsc-role=\"Promoted\" is not a role"), old.toString());
    }

    @Test
    void unknownAttributeAndElementAreNamedWithTheirObject() throws Exception {
        List<Finding> f = errors("pacemaker-3.9",
                "<primitive id=\"A\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\" colour=\"red\"/>",
                "<rsc_ticket id=\"t\" ticket=\"T\" rsc=\"A\"><gadget/></rsc_ticket>");
        assertEquals(2, f.size(), f.toString());
        assertTrue(f.get(0).message().contains("attribute 'colour' is not allowed on <primitive>"), f.toString());
        assertEquals("A", f.get(0).objectId());
        assertTrue(f.get(1).message().contains("element <gadget> is not allowed inside <rsc_ticket>"), f.toString());
        assertEquals("t", f.get(1).objectId());
    }

    @Test
    void idsAreNcNames() {
        assertTrue(XmlNames.isNcName("vm01"));
        assertTrue(XmlNames.isNcName("_a.b-c"));
        assertTrue(XmlNames.isNcName("Ärger"));
        assertFalse(XmlNames.isNcName("1st"));
        assertFalse(XmlNames.isNcName("a:b"));
        assertFalse(XmlNames.isNcName("a<b c"));
        assertFalse(XmlNames.isNcName("-a"));
        assertFalse(XmlNames.isNcName(""));
    }

    @Test
    void controlCharactersAreFoundAnywhere() {
        assertEquals("U+0001", ControlCharacters.find("a\u0001b"));
        assertEquals("U+001B", ControlCharacters.find("\u001b[31m"));
        assertEquals("U+0009", ControlCharacters.find("a\tb"));
        assertEquals("U+0085", ControlCharacters.find("a\u0085"));
        assertEquals(null, ControlCharacters.find("ünïcode ok"));
    }

    @Test
    void ticketLossPolicyAndDanglingResourceAreErrors() throws Exception {
        List<Finding> f = errors("pacemaker-3.9", A,
                "<rsc_ticket id=\"t\" ticket=\"T\" rsc=\"nosuch\" loss-policy=\"panic\"/>");
        assertEquals(2, f.size(), f.toString());
        assertTrue(f.get(0).message().contains("loss-policy=\"panic\" is not one of demote, fence, freeze, stop"),
                f.toString());
        assertTrue(f.get(1).message().contains("rsc refers to resource 'nosuch'"), f.toString());
    }

    @Test
    void duplicateRecurringOpIsRefusedInChangesButTheCibStillLoads() throws Exception {
        String xml = "<cib validate-with=\"pacemaker-3.9\"><configuration><crm_config/><nodes/><resources>"
                + "<primitive id=\"A\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"><operations>"
                + "<op id=\"m1\" name=\"monitor\" interval=\"10s\" role=\"Promoted\"/>"
                + "<op id=\"m2\" name=\"monitor\" interval=\"10000ms\" role=\"Unpromoted\"/>"
                + "</operations></primitive></resources><constraints/></configuration><status/></cib>";
        List<Finding> f = CibValidator.validate(CibXml.standard().read(xml, "t.xml"));
        assertEquals(1, f.size(), f.toString());
        assertFalse(f.get(0).isError());
        assertTrue(f.get(0).refusedInChanges());
    }
}
