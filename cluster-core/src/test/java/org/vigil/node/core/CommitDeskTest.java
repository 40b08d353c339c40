package org.vigil.node.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;

/** The DC refuses by the rule offline crm applies: what a change introduces, whether error or crm_verify-only. */
class CommitDeskTest {
    private static final String DUMMY = "<primitive id=\"d1\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
            + "<operations><op id=\"d1-monitor-10s\" name=\"monitor\" interval=\"10s\"/></operations></primitive>";

    private static Cib cib(String resources) throws Exception {
        return CibXml.parse(CibXml.write(Cib.empty()).replace("<resources/>", "<resources>" + resources
                + "</resources>"));
    }

    private static CommitDesk.Decision commit(Cib current, Cib proposed) {
        CommitDesk desk = new CommitDesk();
        desk.remember(current);
        return desk.decide(current, proposed, current.version());
    }

    @Test
    void recurringStartWhichOnlyCrmVerifyRejectsIsRefused() throws Exception {
        Cib current = cib(DUMMY);
        Cib proposed = cib(DUMMY.replace("</operations>",
                "<op id=\"d1-start-10s\" name=\"start\" interval=\"10s\"/></operations>"));
        CommitDesk.Decision d = commit(current, proposed);
        assertEquals("REJECTED", d.refusal());
        assertTrue(d.message().startsWith("d1") && d.message().contains("op start has interval 10s, but a start"
                + " cannot be recurring") && !d.message().contains("\n"), d.message());
        assertNull(d.next());
    }

    @Test
    void errorIsRefusedInOneLineNamingTheObject() throws Exception {
        Cib current = cib(DUMMY);
        Cib proposed = cib(DUMMY + "<primitive id=\"d2\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
                + "<meta_attributes id=\"d2-meta\"><nvpair id=\"d2-meta-tr\" name=\"target-role\" value=\"Sometimes\"/>"
                + "</meta_attributes></primitive>");
        CommitDesk.Decision d = commit(current, proposed);
        assertEquals("REJECTED", d.refusal());
        assertTrue(d.message().startsWith("d2"), d.message());
        assertTrue(d.message().contains("Sometimes") && !d.message().contains("\n"), d.message());
    }

    @Test
    void problemTheCibAlreadyHadDoesNotBlockAnUnrelatedChange() throws Exception {
        String bad = DUMMY.replace("</operations>", "<op id=\"d1-start-10s\" name=\"start\" interval=\"10s\"/>"
                + "</operations>");
        Cib current = cib(bad);
        Cib proposed = cib(bad + "<primitive id=\"d2\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>");
        CommitDesk.Decision d = commit(current, proposed);
        assertNull(d.refusal(), d.message());
        assertTrue(d.next().configuration().resource("d2").isPresent());
    }
}
