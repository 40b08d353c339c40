package org.vigil.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vigil.agents.ActionName;
import org.vigil.agents.AgentAction;
import org.vigil.agents.AgentId;
import org.vigil.agents.AttributeUpdate;
import org.vigil.cib.Cib;
import org.vigil.cib.CibChange;
import org.vigil.cib.CibDiff;
import org.vigil.cib.CibParseException;
import org.vigil.cib.CibVersion;
import org.vigil.cib.CibXml;
import org.vigil.cib.Lrm;
import org.vigil.cib.XmlElement;
import org.vigil.controller.ExecReport;
import org.vigil.controller.ExecRequest;
import org.vigil.controller.NodeStatus;
import org.vigil.controller.OpRecord;
import org.vigil.node.core.NodeMessage;

/**
 * Encodes {@link NodeMessage}s as JSON. CIBs travel as their XML text (the CIB's own, lossless format);
 * a node's operation history travels inside a minimal CIB for the same reason. Field by field rather than
 * by reflection, so the wire format is written down here and cannot change by renaming a record component.
 */
final class WireCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WireCodec() {}

    static byte[] encode(NodeMessage m) {
        ObjectNode o = JSON.createObjectNode();
        if (m instanceof NodeMessage.Exec e) {
            o.put("t", "exec");
            request(o.putObject("request"), e.request());
            if (e.target() != null) {
                o.put("target", e.target());
            }
        } else if (m instanceof NodeMessage.Report r) {
            o.put("t", "report");
            report(o.putObject("report"), r.report());
        } else if (m instanceof NodeMessage.CibPush p && p.isDiff()) {
            o.put("t", "cibdiff");
            version(o.putObject("base"), p.baseVersion());
            version(o.putObject("version"), p.cib().version());
            com.fasterxml.jackson.databind.node.ArrayNode changes = o.putArray("changes");
            for (CibChange c : CibDiff.between(p.base(), p.cib())) {
                changes.add(change(c));
            }
        } else if (m instanceof NodeMessage.CibPush p) {
            o.put("t", "cib");
            o.put("cib", CibXml.write(p.cib()));
        } else if (m instanceof NodeMessage.CibResync) {
            o.put("t", "resync");
        } else if (m instanceof NodeMessage.CibAck a) {
            o.put("t", "ack");
            version(o.putObject("version"), a.version());
        } else if (m instanceof NodeMessage.Query q) {
            o.put("t", "query");
            o.put("view", q.viewId());
        } else if (m instanceof NodeMessage.Answer a) {
            o.put("t", "answer");
            o.put("view", a.viewId());
            o.put("cib", CibXml.write(a.cib()));
            o.put("history", CibXml.write(NodeStatus.withLrm(Cib.empty(), "self", a.history())));
            com.fasterxml.jackson.databind.node.ArrayNode fenced = o.putArray("fencing");
            a.fencing().forEach(x -> fenced.add(x.toJson()));
        } else if (m instanceof NodeMessage.Change c) {
            o.put("t", "change");
            o.put("id", c.requestId());
            o.put("cib", CibXml.write(c.proposed()));
            version(o.putObject("basedOn"), c.basedOn());
        } else if (m instanceof NodeMessage.ChangeResult c) {
            o.put("t", "changed");
            o.put("id", c.requestId());
            o.put("kind", c.kind());
            o.put("message", c.message());
            o.put("cib", c.committed() == null ? null : CibXml.write(c.committed()));
        } else if (m instanceof NodeMessage.Attributes a) {
            o.put("t", "attrs");
            o.put("node", a.node());
            o.put("kind", a.kind().name());
            attributeUpdates(o, a.updates());
        } else if (m instanceof NodeMessage.Leaving l) {
            o.put("t", "leaving");
            o.put("node", l.node());
        } else if (m instanceof NodeMessage.FenceAsk f) {
            o.put("t", "fence");
            o.put("id", f.requestId());
            o.put("target", f.target());
            o.put("action", f.action());
        } else if (m instanceof NodeMessage.FenceDone f) {
            o.put("t", "fenced");
            o.put("id", f.requestId());
            o.set("outcome", f.outcome().toJson());
        } else if (m instanceof NodeMessage.FenceRun f) {
            o.put("t", "fencerun");
            o.put("target", f.target());
            o.put("action", f.action());
            o.put("reason", f.reason());
        } else if (m instanceof NodeMessage.FenceLog f) {
            o.put("t", "fencelog");
            com.fasterxml.jackson.databind.node.ArrayNode a = o.putArray("history");
            f.history().forEach(x -> a.add(x.toJson()));
        } else {
            throw new IllegalArgumentException("unknown message " + m);
        }
        try {
            return JSON.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + m.getClass().getSimpleName(), e);
        }
    }

    /** Decodes a message; a malformed one is an {@link IOException} naming what was wrong. */
    static NodeMessage decode(byte[] bytes) throws IOException {
        return decode(bytes, null);
    }

    /**
     * As {@link #decode(byte[])}; a CIB diff is applied to {@code replica} (the receiver's CIB) when that is
     * the diff's base, else it decodes with no CIB and the receiver asks for the whole one.
     */
    static NodeMessage decode(byte[] bytes, Cib replica) throws IOException {
        JsonNode o = JSON.readTree(bytes);
        if (o == null || !o.isObject()) {
            throw new IOException("not a JSON object");
        }
        String t = text(o, "t");
        try {
            switch (t) {
                case "exec":
                    return new NodeMessage.Exec(request(need(o, "request")), nullableText(o, "target"));
                case "report":
                    return new NodeMessage.Report(report(need(o, "report")));
                case "cib":
                    return NodeMessage.CibPush.whole(cib(o, "cib"));
                case "cibdiff": {
                    CibVersion base = version(need(o, "base"));
                    CibVersion to = version(need(o, "version"));
                    if (replica == null || !replica.version().equals(base)) {
                        return new NodeMessage.CibPush(base, null, null);
                    }
                    List<CibChange> changes = new java.util.ArrayList<>();
                    for (JsonNode c : need(o, "changes")) {
                        changes.add(change(c));
                    }
                    try {
                        return new NodeMessage.CibPush(base, null, CibDiff.apply(replica, changes).withVersion(to));
                    } catch (CibParseException | RuntimeException e) {
                        return new NodeMessage.CibPush(base, null, null); // does not fit: the whole CIB follows
                    }
                }
                case "resync":
                    return new NodeMessage.CibResync();
                case "ack":
                    return new NodeMessage.CibAck(version(need(o, "version")));
                case "query":
                    return new NodeMessage.Query(need(o, "view").asLong());
                case "answer": {
                    Cib h = cib(o, "history");
                    Lrm lrm = NodeStatus.lrm(h, "self").orElseThrow(() -> new IOException("answer without history"));
                    List<org.vigil.ipc.FenceOutcome> fencing = new java.util.ArrayList<>();
                    for (JsonNode x : o.path("fencing")) {
                        fencing.add(fence(x));
                    }
                    return new NodeMessage.Answer(need(o, "view").asLong(), cib(o, "cib"), lrm, fencing);
                }
                case "change":
                    return new NodeMessage.Change(need(o, "id").asLong(), cib(o, "cib"), version(need(o, "basedOn")));
                case "changed":
                    return new NodeMessage.ChangeResult(need(o, "id").asLong(), nullableText(o, "kind"),
                            nullableText(o, "message"), o.hasNonNull("cib") ? cib(o, "cib") : null);
                case "attrs":
                    return new NodeMessage.Attributes(text(o, "node"), attributeUpdates(o),
                            NodeMessage.Attributes.Kind.valueOf(text(o, "kind")));
                case "leaving":
                    return new NodeMessage.Leaving(text(o, "node"));
                case "fence":
                    return new NodeMessage.FenceAsk(need(o, "id").asLong(), text(o, "target"), text(o, "action"));
                case "fenced":
                    return new NodeMessage.FenceDone(need(o, "id").asLong(), fence(need(o, "outcome")));
                case "fencerun":
                    return new NodeMessage.FenceRun(text(o, "target"), text(o, "action"), text(o, "reason"));
                case "fencelog": {
                    List<org.vigil.ipc.FenceOutcome> h = new java.util.ArrayList<>();
                    for (JsonNode x : need(o, "history")) {
                        h.add(fence(x));
                    }
                    return new NodeMessage.FenceLog(h);
                }
                default:
                    throw new IOException("unknown message type '" + t + "'");
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException("malformed '" + t + "' message: " + e.getMessage(), e);
        }
    }

    private static void request(ObjectNode o, ExecRequest r) {
        o.put("transition", r.transitionId());
        o.put("action", r.actionId());
        o.put("key", r.transitionKey());
        o.put("class", r.resourceClass());
        o.put("provider", r.provider());
        o.put("type", r.type());
        o.put("interval", r.intervalMs());
        if (r.cancel()) {
            o.put("cancel", true);
        }
        AgentAction a = r.action();
        ObjectNode agent = o.putObject("agent");
        agent.put("standard", a.agent().standard());
        agent.put("provider", a.agent().provider());
        agent.put("type", a.agent().type());
        o.put("resource", a.resourceInstance());
        o.put("name", a.action().name());
        map(o.putObject("params"), a.params());
        map(o.putObject("meta"), a.meta());
        o.put("depth", a.depth());
        o.put("timeoutMs", a.timeout().toMillis());
    }

    private static ExecRequest request(JsonNode o) throws IOException {
        JsonNode agent = need(o, "agent");
        AgentAction a = new AgentAction(
                new AgentId(text(agent, "standard"), nullableText(agent, "provider"), text(agent, "type")),
                text(o, "resource"), ActionName.valueOf(text(o, "name")), map(need(o, "params")),
                map(need(o, "meta")), need(o, "depth").asInt(), Duration.ofMillis(need(o, "timeoutMs").asLong()));
        return new ExecRequest(need(o, "transition").asInt(), need(o, "action").asInt(), nullableText(o, "key"), a,
                nullableText(o, "class"), nullableText(o, "provider"), nullableText(o, "type"),
                need(o, "interval").asLong(), o.path("cancel").asBoolean(false));
    }

    private static void report(ObjectNode o, ExecReport r) {
        o.put("node", r.node());
        o.put("transition", r.transitionId());
        o.put("action", r.actionId());
        OpRecord op = r.op();
        ObjectNode p = o.putObject("op");
        p.put("resource", op.resource());
        p.put("class", op.resourceClass());
        p.put("provider", op.provider());
        p.put("type", op.type());
        p.put("task", op.task());
        p.put("interval", op.intervalMs());
        p.put("rc", op.rc());
        p.put("status", op.opStatus());
        p.put("call", op.callId());
        p.put("at", op.epochSeconds());
        p.put("execMs", op.execMs());
        p.put("node", op.node());
        p.put("key", op.transitionKey());
        p.put("reason", op.exitReason());
        map(p.putObject("extra"), op.extra());
        attributeUpdates(o, r.attributeUpdates());
    }

    private static void attributeUpdates(ObjectNode o, List<AttributeUpdate> updates) {
        ObjectNode attrs = o.putObject("attributes");
        ObjectNode dampen = o.putObject("dampenMs");
        for (AttributeUpdate u : updates) {
            attrs.put(u.name(), u.value().orElse(null));
            if (!u.dampen().isZero()) {
                dampen.put(u.name(), u.dampen().toMillis());
            }
        }
    }

    private static List<AttributeUpdate> attributeUpdates(JsonNode o) throws IOException {
        List<AttributeUpdate> updates = new java.util.ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = need(o, "attributes").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode d = o.path("dampenMs").get(e.getKey());
            updates.add(new AttributeUpdate(e.getKey(),
                    e.getValue().isNull() ? Optional.empty() : Optional.of(e.getValue().asText()),
                    d == null ? Duration.ZERO : Duration.ofMillis(d.asLong())));
        }
        return updates;
    }

    private static ExecReport report(JsonNode o) throws IOException {
        JsonNode p = need(o, "op");
        OpRecord op = new OpRecord(text(p, "resource"), nullableText(p, "class"), nullableText(p, "provider"),
                nullableText(p, "type"), text(p, "task"), need(p, "interval").asLong(), need(p, "rc").asInt(),
                need(p, "status").asInt(), need(p, "call").asInt(), need(p, "at").asLong(), need(p, "execMs").asLong(),
                nullableText(p, "node"), nullableText(p, "key"), nullableText(p, "reason"), map(need(p, "extra")));
        List<AttributeUpdate> updates = attributeUpdates(o);
        return new ExecReport(text(o, "node"), need(o, "transition").asInt(), need(o, "action").asInt(), op, updates);
    }

    private static org.vigil.ipc.FenceOutcome fence(JsonNode o) throws IOException {
        try {
            return org.vigil.ipc.FenceOutcome.fromJson(o);
        } catch (org.vigil.ipc.ServiceException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static ObjectNode change(CibChange c) {
        ObjectNode o = JSON.createObjectNode();
        o.put("path", c.path());
        if (c instanceof CibChange.Added a) {
            o.put("op", "add");
            o.put("index", a.index());
            o.set("element", element(a.element()));
        } else if (c instanceof CibChange.Removed r) {
            o.put("op", "remove");
            o.set("element", element(r.element()));
        } else if (c instanceof CibChange.Modified m) {
            o.put("op", "modify");
            map(o.putObject("before"), m.before());
            map(o.putObject("after"), m.after());
            o.put("textBefore", m.textBefore());
            o.put("textAfter", m.textAfter());
        } else if (c instanceof CibChange.Replaced r) {
            o.put("op", "replace");
            o.set("before", element(r.before()));
            o.set("after", element(r.after()));
        }
        return o;
    }

    private static CibChange change(JsonNode o) throws IOException {
        String path = text(o, "path");
        return switch (text(o, "op")) {
            case "add" -> new CibChange.Added(path, need(o, "index").asInt(), element(need(o, "element")));
            case "remove" -> new CibChange.Removed(path, element(need(o, "element")));
            case "modify" -> new CibChange.Modified(path, map(need(o, "before")), map(need(o, "after")),
                    nullableText(o, "textBefore"), nullableText(o, "textAfter"));
            case "replace" -> new CibChange.Replaced(path, element(need(o, "before")), element(need(o, "after")));
            default -> throw new IOException("unknown CIB change '" + text(o, "op") + "'");
        };
    }

    /** An XML element as JSON: name, attributes, children, text. */
    private static ObjectNode element(XmlElement e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("n", e.name());
        map(o.putObject("a"), e.attributes());
        com.fasterxml.jackson.databind.node.ArrayNode kids = o.putArray("c");
        e.children().forEach(k -> kids.add(element(k)));
        if (e.text() != null) {
            o.put("x", e.text());
        }
        return o;
    }

    private static XmlElement element(JsonNode o) throws IOException {
        List<XmlElement> kids = new java.util.ArrayList<>();
        for (JsonNode k : need(o, "c")) {
            kids.add(element(k));
        }
        return new XmlElement(text(o, "n"), map(need(o, "a")), kids, nullableText(o, "x"));
    }

    private static void version(ObjectNode o, CibVersion v) {
        o.put("admin_epoch", v.adminEpoch());
        o.put("epoch", v.epoch());
        o.put("num_updates", v.numUpdates());
    }

    private static CibVersion version(JsonNode o) throws IOException {
        return new CibVersion(need(o, "admin_epoch").asLong(), need(o, "epoch").asLong(),
                need(o, "num_updates").asLong());
    }

    private static void map(ObjectNode o, Map<String, String> m) {
        m.forEach(o::put);
    }

    private static Map<String, String> map(JsonNode o) {
        Map<String, String> out = new LinkedHashMap<>();
        o.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static Cib cib(JsonNode o, String field) throws IOException {
        try {
            return CibXml.parse(text(o, field));
        } catch (CibParseException e) {
            throw new IOException("bad CIB in '" + field + "': " + e.getMessage(), e);
        }
    }

    private static JsonNode need(JsonNode o, String field) throws IOException {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            throw new IOException("missing field '" + field + "'");
        }
        return v;
    }

    private static String text(JsonNode o, String field) throws IOException {
        return need(o, field).asText();
    }

    private static String nullableText(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
