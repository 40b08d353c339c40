package org.vigil.cts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;

class CommitLedgerTest {
    static Cib cib(String resources, String nodes) throws Exception {
        return CibXml.parse("<cib epoch=\"3\" admin_epoch=\"0\" num_updates=\"0\"><configuration><crm_config/>"
                + "<nodes>" + nodes + "</nodes><resources>" + resources + "</resources><constraints/></configuration>"
                + "<status/></cib>");
    }

    static final String CTS1 = "<primitive id=\"cts-1\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
            + "<instance_attributes id=\"cts-1-ia\"><nvpair id=\"cts-1-fake\" name=\"fake\" value=\"7\"/>"
            + "</instance_attributes></primitive>";

    @Test
    void keptAndBrokenPromisesAreTold() throws Exception {
        CommitLedger l = new CommitLedger();
        l.acknowledged("cts-1", new CommitLedger.Present("cts-1", "7"), "crm resource param cts-1 set fake 7");
        l.refused("cts-2", Optional.of(new CommitLedger.Absent("cts-2")), "crm configure primitive cts-2 ...");
        l.acknowledged("node node2", new CommitLedger.Standby("node2", true), "crm node standby node2");
        Cib kept = cib(CTS1, "<node id=\"2\" uname=\"node2\"><instance_attributes id=\"n2\">"
                + "<nvpair id=\"n2-s\" name=\"standby\" value=\"on\"/></instance_attributes></node>");
        assertEquals(List.of(), l.broken(kept.configuration()));
        Cib lost = cib(CTS1.replace("\"7\"", "\"6\"") + CTS1.replace("cts-1", "cts-2"), "<node id=\"2\" uname=\"node2\"/>");
        assertEquals(List.of("primitive cts-1 with fake=7 (acknowledged: crm resource param cts-1 set fake 7)",
                "no resource cts-2 (refused: crm configure primitive cts-2 ...)",
                "node2 in standby (acknowledged: crm node standby node2)"), l.broken(lost.configuration()));
    }

    @Test
    void anUnknownOutcomePromisesNothing() throws Exception {
        CommitLedger l = new CommitLedger();
        l.acknowledged("cts-1", new CommitLedger.Present("cts-1", "7"), "add");
        l.unknown("cts-1");
        assertEquals(List.of(), l.broken(cib("", "").configuration()));
    }
}
