package org.vigil.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vigil.agents.ActionName;
import org.vigil.agents.AgentAction;
import org.vigil.agents.AgentId;
import org.vigil.agents.AgentResult;
import org.vigil.agents.AttributeUpdate;
import org.vigil.agents.ExecStatus;
import org.vigil.agents.OcfStatus;

/**
 * What the two ends of a remote executor connection say, one per frame, as JSON written field by field (the wire
 * format is here, not in record component names). The cluster node opens with {@link Hello}; the remote node
 * answers {@link Welcome} or {@link Refused} and closes.
 */
sealed interface RemoteMessage {
    int VERSION = 1;
    /** Agent output carried back at most (the agent's own output is bounded already; this bounds the frame). */
    int MAX_OUTPUT = 64 * 1024;

    /** The cluster node: which protocol version it speaks and the name the cluster gives the remote node. */
    record Hello(int version, String node) implements RemoteMessage {}

    /** The remote node accepts; {@code host} is its own host name (for the logs). */
    record Welcome(int version, String host) implements RemoteMessage {}

    /** The remote node refuses the session (version, busy); it closes the connection after this. */
    record Refused(String reason) implements RemoteMessage {}

    /** Run an action; the answer is a {@link Result} with the same id. */
    record Exec(long id, AgentAction action) implements RemoteMessage {}

    /**
     * An action's result. {@code restartParameters}: what the remote node's executor learnt from the agent's
     * meta-data (the parameters that force a restart, when the agent can reload), so the cluster node records
     * {@code op-force-restart} and {@code op-restart-digest} as for a local action; empty when not known or the
     * agent cannot reload. Sent only when present, so an older peer reads the frame as before.
     */
    record Result(long id, AgentResult result, Optional<List<String>> restartParameters) implements RemoteMessage {
        Result(long id, AgentResult result) {
            this(id, result, Optional.empty());
        }
    }

    /** Cancel a running action; its {@link Result} (cancelled, or what it had come to) still comes. */
    record Cancel(long id) implements RemoteMessage {}

    /** Liveness: answered at once by a {@link Pong} with the same id. */
    record Ping(long id) implements RemoteMessage {}

    record Pong(long id) implements RemoteMessage {}

    ObjectMapper JSON = new ObjectMapper();

    static byte[] encode(RemoteMessage m) {
        ObjectNode o = JSON.createObjectNode();
        if (m instanceof Hello h) {
            o.put("t", "hello");
            o.put("version", h.version());
            o.put("node", h.node());
        } else if (m instanceof Welcome w) {
            o.put("t", "welcome");
            o.put("version", w.version());
            o.put("host", w.host());
        } else if (m instanceof Refused r) {
            o.put("t", "refused");
            o.put("reason", r.reason());
        } else if (m instanceof Exec e) {
            o.put("t", "exec");
            o.put("id", e.id());
            action(o.putObject("action"), e.action());
        } else if (m instanceof Result r) {
            o.put("t", "result");
            o.put("id", r.id());
            result(o.putObject("result"), r.result());
            r.restartParameters().ifPresent(names -> {
                com.fasterxml.jackson.databind.node.ArrayNode list = o.putArray("restart");
                names.forEach(list::add);
            });
        } else if (m instanceof Cancel c) {
            o.put("t", "cancel");
            o.put("id", c.id());
        } else if (m instanceof Ping p) {
            o.put("t", "ping");
            o.put("id", p.id());
        } else if (m instanceof Pong p) {
            o.put("t", "pong");
            o.put("id", p.id());
        }
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    static RemoteMessage decode(byte[] bytes) throws IOException {
        JsonNode o;
        try {
            o = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IOException("not JSON");
        }
        if (o == null || !o.isObject()) {
            throw new IOException("not a JSON object");
        }
        String t = text(o, "t");
        try {
            return switch (t) {
                case "hello" -> new Hello(need(o, "version").asInt(), text(o, "node"));
                case "welcome" -> new Welcome(need(o, "version").asInt(), text(o, "host"));
                case "refused" -> new Refused(text(o, "reason"));
                case "exec" -> new Exec(need(o, "id").asLong(), action(need(o, "action")));
                case "result" -> new Result(need(o, "id").asLong(), result(need(o, "result")), restart(o));
                case "cancel" -> new Cancel(need(o, "id").asLong());
                case "ping" -> new Ping(need(o, "id").asLong());
                case "pong" -> new Pong(need(o, "id").asLong());
                default -> throw new IOException("unknown message type '" + printable(t) + "'");
            };
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException("malformed '" + printable(t) + "' message: " + printable(String.valueOf(e.getMessage())));
        }
    }

    private static void action(ObjectNode o, AgentAction a) {
        o.put("standard", a.agent().standard());
        o.put("provider", a.agent().provider());
        o.put("type", a.agent().type());
        o.put("resource", a.resourceInstance());
        o.put("name", a.action().ocfName());
        map(o.putObject("params"), a.params());
        map(o.putObject("meta"), a.meta());
        o.put("depth", a.depth());
        o.put("timeoutMs", a.timeout().toMillis());
    }

    private static AgentAction action(JsonNode o) throws IOException {
        String name = text(o, "name");
        ActionName action = ActionName.parse(name)
                .orElseThrow(() -> new IOException("unknown action '" + printable(name) + "'"));
        JsonNode provider = o.get("provider");
        return new AgentAction(new AgentId(text(o, "standard"),
                provider == null || provider.isNull() ? null : provider.asText(), text(o, "type")),
                text(o, "resource"), action, map(need(o, "params")), map(need(o, "meta")), need(o, "depth").asInt(),
                Duration.ofMillis(need(o, "timeoutMs").asLong()));
    }

    private static void result(ObjectNode o, AgentResult r) {
        o.put("exec", r.execStatus().name());
        o.put("status", r.status().code());
        o.put("exitCode", r.exitCode());
        o.put("reason", r.exitReason());
        String out = r.output();
        o.put("output", out.length() > MAX_OUTPUT ? out.substring(out.length() - MAX_OUTPUT) : out);
        ObjectNode attrs = o.putObject("attributes");
        ObjectNode dampen = o.putObject("dampenMs");
        for (AttributeUpdate u : r.attributeUpdates()) {
            attrs.put(u.name(), u.value().orElse(null));
            if (!u.dampen().isZero()) {
                dampen.put(u.name(), u.dampen().toMillis());
            }
        }
    }

    private static AgentResult result(JsonNode o) throws IOException {
        List<AttributeUpdate> updates = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = need(o, "attributes").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode d = o.path("dampenMs").get(e.getKey());
            updates.add(new AttributeUpdate(e.getKey(),
                    e.getValue().isNull() ? Optional.empty() : Optional.of(e.getValue().asText()),
                    d == null ? Duration.ZERO : Duration.ofMillis(d.asLong())));
        }
        return new AgentResult(ExecStatus.valueOf(text(o, "exec")), OcfStatus.fromExitCode(need(o, "status").asInt()),
                need(o, "exitCode").asInt(), text(o, "reason"), text(o, "output"), updates);
    }

    /** The optional {@code restart} list of a result: parameter names, each a non-empty string. */
    private static Optional<List<String>> restart(JsonNode o) throws IOException {
        JsonNode names = o.get("restart");
        if (names == null || names.isNull()) {
            return Optional.empty();
        }
        if (!names.isArray()) {
            throw new IOException("'restart' is not a list");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : names) {
            if (!n.isTextual() || n.asText().isEmpty()) {
                throw new IOException("'restart' holds something other than parameter names");
            }
            out.add(n.asText());
        }
        return Optional.of(List.copyOf(out));
    }

    private static void map(ObjectNode o, Map<String, String> m) {
        m.forEach(o::put);
    }

    private static Map<String, String> map(JsonNode o) throws IOException {
        if (!o.isObject()) {
            throw new IOException("expected an object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = o.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static JsonNode need(JsonNode o, String field) throws IOException {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            throw new IOException("missing '" + field + "'");
        }
        return v;
    }

    private static String text(JsonNode o, String field) throws IOException {
        return need(o, field).asText();
    }

    /** At most 80 printable characters of what a peer sent, for a log line. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 80; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }
}
