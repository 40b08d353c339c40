package org.vigil.ipc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.vigil.cib.Cib;
import org.vigil.cib.CibParseException;
import org.vigil.cib.CibVersion;
import org.vigil.cib.CibXml;

/**
 * The wire format: one JSON object per line each way (see docs/crm.md, "Live mode"). CIBs travel as their
 * canonical XML text in a JSON string, so what crosses the socket is exactly what Pacemaker's tools read.
 */
final class Protocol {
    static final int VERSION = 1;
    static final ObjectMapper JSON = new ObjectMapper();
    /** Sent while a request that asked for it is being handled: vigild is alive and still working on it. */
    static final String PROGRESS = "{\"v\":" + VERSION + ",\"progress\":true}";

    private Protocol() {}

    /** A request; it asks for progress lines while vigild works on it (the field comes early: see below). */
    static ObjectNode request(String op) {
        ObjectNode n = JSON.createObjectNode();
        n.put("v", VERSION);
        n.put("op", op);
        n.put("progress", true);
        return n;
    }

    /**
     * Whether a request line asks for progress lines ({"v":1,"progress":true}) while it is handled. Read by the
     * server's I/O thread before the request is parsed, so only the first few fields are looked at.
     */
    static boolean asksForProgress(String line) {
        try (com.fasterxml.jackson.core.JsonParser p = JSON.getFactory().createParser(line)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return false;
            }
            for (int i = 0; i < 3 && p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME; i++) {
                String name = p.getCurrentName();
                com.fasterxml.jackson.core.JsonToken value = p.nextToken();
                if ("progress".equals(name)) {
                    return value == com.fasterxml.jackson.core.JsonToken.VALUE_TRUE;
                }
                p.skipChildren();
            }
            return false;
        } catch (IOException e) {
            return false; // the worker reports the malformed request
        }
    }


    static ObjectNode ok() {
        ObjectNode n = JSON.createObjectNode();
        n.put("v", VERSION);
        n.put("ok", true);
        return n;
    }

    static ObjectNode error(ServiceException.Kind kind, String message) {
        ObjectNode n = JSON.createObjectNode();
        n.put("v", VERSION);
        n.put("ok", false);
        n.put("kind", kind.name());
        n.put("message", message.replace("\r", " ").replace("\n", " "));
        return n;
    }

    static String line(JsonNode n) {
        try {
            return JSON.writeValueAsString(n); // strings escape their line breaks: one line
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static JsonNode parse(String line, ServiceException.Kind kindOnError, String what) throws ServiceException {
        try {
            JsonNode n = JSON.readTree(line);
            if (n == null || !n.isObject()) {
                throw new ServiceException(kindOnError, what + " is not a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new ServiceException(kindOnError, what + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    static String text(JsonNode n, String field, ServiceException.Kind kind) throws ServiceException {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new ServiceException(kind, "field \"" + field + "\" missing or not a string");
        }
        return v.asText();
    }

    static String textOrNull(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static long number(JsonNode n, String field, ServiceException.Kind kind) throws ServiceException {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToLong()) {
            throw new ServiceException(kind, "field \"" + field + "\" missing or not a whole number");
        }
        return v.asLong();
    }

    static String cibText(Cib cib) {
        return CibXml.write(cib);
    }

    static Cib cib(JsonNode n, String field, ServiceException.Kind kind) throws ServiceException {
        String xml = text(n, field, kind);
        try {
            return CibXml.standard().read(xml, "ipc:" + field).cib();
        } catch (CibParseException e) {
            throw new ServiceException(kind, "the CIB in \"" + field + "\" is not readable: " + e.getMessage());
        }
    }

    static ObjectNode version(CibVersion v) {
        ObjectNode n = JSON.createObjectNode();
        n.put("adminEpoch", v.adminEpoch());
        n.put("epoch", v.epoch());
        n.put("numUpdates", v.numUpdates());
        return n;
    }

    static CibVersion version(JsonNode n, ServiceException.Kind kind) throws ServiceException {
        if (n == null || !n.isObject()) {
            throw new ServiceException(kind, "field \"basedOn\" missing or not an object");
        }
        return new CibVersion(number(n, "adminEpoch", kind), number(n, "epoch", kind), number(n, "numUpdates", kind));
    }

    static ObjectNode state(ClusterState s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("localNode", s.localNode());
        n.put("dc", s.dc());
        n.put("quorate", s.quorate());
        n.put("votes", s.votes());
        n.put("expectedVotes", s.expectedVotes());
        strings(n.putArray("members"), s.members());
        strings(n.putArray("strangers"), s.strangers());
        strings(n.putArray("rings"), s.rings());
        ArrayNode h = n.putArray("fencingHistory");
        s.fencingHistory().forEach(f -> h.add(fence(f)));
        n.put("version", s.version());
        return n;
    }

    static ClusterState state(JsonNode n) throws ServiceException {
        ServiceException.Kind k = ServiceException.Kind.PROTOCOL;
        if (n == null || !n.isObject()) {
            throw new ServiceException(k, "the daemon's answer has no \"state\" object");
        }
        List<FenceOutcome> history = new ArrayList<>();
        for (JsonNode f : array(n, "fencingHistory")) {
            history.add(fence(f));
        }
        return new ClusterState(text(n, "localNode", k), textOrNull(n, "dc"), n.path("quorate").asBoolean(),
                (int) number(n, "votes", k), (int) number(n, "expectedVotes", k), strings(n, "members"),
                strings(n, "strangers"), strings(n, "rings"), history, textOrNull(n, "version"));
    }

    static ObjectNode fence(FenceOutcome f) {
        ObjectNode n = JSON.createObjectNode();
        n.put("target", f.target());
        n.put("action", f.action());
        n.put("status", f.status().name());
        n.put("device", f.device());
        n.put("origin", f.origin());
        n.put("completedAt", f.completedAt() == null ? null : f.completedAt().toString());
        n.put("reason", f.reason());
        return n;
    }

    static FenceOutcome fence(JsonNode n) throws ServiceException {
        ServiceException.Kind k = ServiceException.Kind.PROTOCOL;
        if (n == null || !n.isObject()) {
            throw new ServiceException(k, "a fencing record is not an object");
        }
        FenceOutcome.Status status;
        try {
            status = FenceOutcome.Status.valueOf(text(n, "status", k));
        } catch (IllegalArgumentException e) {
            throw new ServiceException(k, "unknown fencing status " + n.get("status"));
        }
        Instant at = null;
        String completed = textOrNull(n, "completedAt");
        if (completed != null) {
            try {
                at = Instant.parse(completed);
            } catch (DateTimeParseException e) {
                throw new ServiceException(k, "fencing record: completedAt is not an ISO-8601 instant: " + completed);
            }
        }
        return new FenceOutcome(text(n, "target", k), text(n, "action", k), status, textOrNull(n, "device"),
                textOrNull(n, "origin"), at, textOrNull(n, "reason"));
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    private static List<String> strings(JsonNode n, String field) throws ServiceException {
        List<String> out = new ArrayList<>();
        for (JsonNode v : array(n, field)) {
            if (!v.isTextual()) {
                throw new ServiceException(ServiceException.Kind.PROTOCOL, "\"" + field + "\" holds a non-string");
            }
            out.add(v.asText());
        }
        return out;
    }

    private static JsonNode array(JsonNode n, String field) throws ServiceException {
        JsonNode a = n.get(field);
        if (a == null || a.isNull()) {
            return JSON.createArrayNode();
        }
        if (!a.isArray()) {
            throw new ServiceException(ServiceException.Kind.PROTOCOL, "\"" + field + "\" is not an array");
        }
        return a;
    }
}
