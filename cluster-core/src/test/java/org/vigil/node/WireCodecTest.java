package org.vigil.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.agents.ActionName;
import org.vigil.agents.AgentAction;
import org.vigil.agents.AgentId;
import org.vigil.agents.AttributeUpdate;
import org.vigil.cib.Cib;
import org.vigil.cib.CibVersion;
import org.vigil.cib.Lrm;
import org.vigil.controller.ExecReport;
import org.vigil.controller.ExecRequest;
import org.vigil.controller.OpRecord;
import org.vigil.node.core.NodeMessage;

class WireCodecTest {
    private static NodeMessage roundTrip(NodeMessage m) throws IOException {
        return WireCodec.decode(WireCodec.encode(m));
    }

    @Test
    void actionRequestsAndResultsSurviveTheWireUnchanged() throws IOException {
        AgentAction a = new AgentAction(AgentId.ocf("heartbeat", "Xen"), "vm01", ActionName.MIGRATE_TO,
                Map.of("xmfile", "/etc/xen/vm01.cfg"), Map.of("migrate_target", "node2"), 0, Duration.ofSeconds(90));
        ExecRequest req = new ExecRequest(7, 3, "3:7:0:abc", a, "ocf", "heartbeat", "Xen", 0);
        assertEquals(new NodeMessage.Exec(req), roundTrip(new NodeMessage.Exec(req)));
        // an action for a remote node, sent to the cluster node holding its connection
        assertEquals(new NodeMessage.Exec(req, "r1"), roundTrip(new NodeMessage.Exec(req, "r1")));
        OpRecord op = new OpRecord("vm01", "ocf", "heartbeat", "Xen", "monitor", 30_000, 7, 0, 12, 1_700_000_000L, 40,
                "node1", "3:7:0:abc", "not running", Map.of("op-digest", "f00"));
        ExecReport rep = new ExecReport("node1", -1, -1, op, List.of(AttributeUpdate.set("master-drbd0", "10"),
                AttributeUpdate.set("pingd", "1000").withDampen(Duration.ofSeconds(5)),
                AttributeUpdate.delete("master-old")));
        assertEquals(new NodeMessage.Report(rep), roundTrip(new NodeMessage.Report(rep)));
    }

    @Test
    void attrdUpdatesKeepTheirDampeningDeletionsAndOrigin() throws IOException {
        NodeMessage.Attributes m = new NodeMessage.Attributes("node2", List.of(AttributeUpdate.set("master-db", "10"),
                AttributeUpdate.set("pingd", "0").withDampen(Duration.ofSeconds(5)), AttributeUpdate.delete("old")),
                NodeMessage.Attributes.Kind.ACTION_RESULT);
        assertEquals(m, roundTrip(m));
    }

    @Test
    void cibsAndHistoriesTravelAsXml() throws IOException {
        Cib cib = Cib.empty().withVersion(new CibVersion(1, 5, 9));
        NodeMessage.Answer a = (NodeMessage.Answer) roundTrip(new NodeMessage.Answer(4, cib,
                new Lrm("1", Map.of(), null, List.of()), List.of()));
        assertEquals(new CibVersion(1, 5, 9), a.cib().version());
        assertEquals(4, a.viewId());
        NodeMessage.Change c = (NodeMessage.Change) roundTrip(new NodeMessage.Change(2, cib, new CibVersion(1, 5, 3)));
        assertEquals(new CibVersion(1, 5, 3), c.basedOn());
        assertEquals(new NodeMessage.ChangeResult(2, "CONFLICT", "moved on", null),
                roundTrip(new NodeMessage.ChangeResult(2, "CONFLICT", "moved on", null)));
    }

    @Test
    void aCibDiffRebuildsTheSendersCibOnAReceiverHoldingItsBaseAndNothingElsewhere() throws Exception {
        Cib base = org.vigil.cib.CibXml.parse("""
                <cib admin_epoch="0" epoch="3" num_updates="1"><configuration><crm_config/><nodes>
                <node id="1" uname="alpha"/></nodes><resources/><constraints/></configuration><status/></cib>""");
        Cib next = org.vigil.cib.CibXml.parse("""
                <cib admin_epoch="0" epoch="4" num_updates="0"><configuration><crm_config/><nodes>
                <node id="1" uname="alpha"/><node id="2" uname="beta"/></nodes><resources>
                <primitive id="d" class="ocf" provider="heartbeat" type="Dummy"/></resources><constraints/>
                </configuration><status/></cib>""");
        byte[] wire = WireCodec.encode(NodeMessage.CibPush.diff(base, next));
        NodeMessage.CibPush applied = (NodeMessage.CibPush) WireCodec.decode(wire, base);
        assertEquals(next, applied.cib());
        assertEquals(base.version(), applied.baseVersion());
        NodeMessage.CibPush elsewhere = (NodeMessage.CibPush) WireCodec.decode(wire,
                base.withVersion(new CibVersion(0, 2, 0)));
        assertEquals(null, elsewhere.cib(), "a receiver without the base gets no CIB and asks for the whole one");
        assertEquals(new NodeMessage.CibAck(next.version()), roundTrip(new NodeMessage.CibAck(next.version())));
        assertEquals(new NodeMessage.FenceRun("alpha", "reboot", "stop of d failed on alpha"),
                roundTrip(new NodeMessage.FenceRun("alpha", "reboot", "stop of d failed on alpha")));
    }

    @Test
    void malformedMessagesAreRefusedWithTheReason() {
        IOException e = assertThrows(IOException.class,
                () -> WireCodec.decode("{\"t\":\"exec\"}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("missing field 'request'"), e.getMessage());
        e = assertThrows(IOException.class, () -> WireCodec.decode("{\"t\":\"dance\"}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("unknown message type 'dance'"), e.getMessage());
        assertThrows(IOException.class, () -> WireCodec.decode("[1]".getBytes(StandardCharsets.UTF_8)));
    }
}
