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

class WireCodecTest {
    private static WireMessage roundTrip(WireMessage m) throws IOException {
        return WireCodec.decode(WireCodec.encode(m));
    }

    @Test
    void actionRequestsAndResultsSurviveTheWireUnchanged() throws IOException {
        AgentAction a = new AgentAction(AgentId.ocf("heartbeat", "Xen"), "vm01", ActionName.MIGRATE_TO,
                Map.of("xmfile", "/etc/xen/vm01.cfg"), Map.of("migrate_target", "node2"), 0, Duration.ofSeconds(90));
        ExecRequest req = new ExecRequest(7, 3, "3:7:0:abc", a, "ocf", "heartbeat", "Xen", 0);
        assertEquals(new WireMessage.Exec(req), roundTrip(new WireMessage.Exec(req)));
        OpRecord op = new OpRecord("vm01", "ocf", "heartbeat", "Xen", "monitor", 30_000, 7, 0, 12, 1_700_000_000L, 40,
                "node1", "3:7:0:abc", "not running", Map.of("op-digest", "f00"));
        ExecReport rep = new ExecReport("node1", -1, -1, op, List.of(AttributeUpdate.set("master-drbd0", "10"),
                AttributeUpdate.set("pingd", "1000").withDampen(Duration.ofSeconds(5)),
                AttributeUpdate.delete("master-old")));
        assertEquals(new WireMessage.Report(rep), roundTrip(new WireMessage.Report(rep)));
    }

    @Test
    void cibsAndHistoriesTravelAsXml() throws IOException {
        Cib cib = Cib.empty().withVersion(new CibVersion(1, 5, 9));
        WireMessage.Answer a = (WireMessage.Answer) roundTrip(new WireMessage.Answer(4, cib,
                new Lrm("1", Map.of(), null, List.of())));
        assertEquals(new CibVersion(1, 5, 9), a.cib().version());
        assertEquals(4, a.viewId());
        WireMessage.Change c = (WireMessage.Change) roundTrip(new WireMessage.Change(2, cib, new CibVersion(1, 5, 3)));
        assertEquals(new CibVersion(1, 5, 3), c.basedOn());
        assertEquals(new WireMessage.ChangeResult(2, "CONFLICT", "moved on", null),
                roundTrip(new WireMessage.ChangeResult(2, "CONFLICT", "moved on", null)));
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
