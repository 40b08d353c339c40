package org.vigil.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.vigil.cib.Cib;
import org.vigil.cib.CibParseException;
import org.vigil.cib.CibXml;
import org.vigil.history.HistoryListing;
import org.vigil.history.HistoryStore;
import org.vigil.history.TransitionRecord;
import org.vigil.membership.JGroupsMembership;

/**
 * Makes the transition history readable from any node: each node keeps the transitions it ran as DC; a
 * node asked for the history asks every member for theirs over the cluster channel (authenticated like every
 * other message) and merges them. Messages carry a prefix of their own, so they never reach the node program.
 */
final class HistoryDesk implements AutoCloseable {
    static final byte[] PREFIX = "vigil-history\n".getBytes(StandardCharsets.US_ASCII);
    static final Duration WAIT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String self;
    private final HistoryStore store;
    private final JGroupsMembership membership;
    private final Supplier<List<String>> members;
    private final Consumer<String> log;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
    /**
     * Answers peers on a thread of its own: reading thousands of records must not hold up JGroups' delivery of
     * that peer's other messages. Bounded: questions beyond 8 waiting are dropped (the asker times out).
     */
    private final java.util.concurrent.ExecutorService answering = new java.util.concurrent.ThreadPoolExecutor(1, 1,
            0, TimeUnit.MILLISECONDS, new java.util.concurrent.LinkedBlockingQueue<>(8), r -> {
                Thread t = new Thread(r, "vigild-history");
                t.setDaemon(true);
                return t;
            }, new java.util.concurrent.ThreadPoolExecutor.DiscardPolicy());

    HistoryDesk(String self, HistoryStore store, JGroupsMembership membership, Supplier<List<String>> members,
            Consumer<String> log) {
        this.self = self;
        this.store = store;
        this.membership = membership;
        this.members = members;
        this.log = log;
    }

    @Override
    public void close() {
        answering.shutdownNow();
    }

    static boolean isHistoryMessage(byte[] bytes) {
        return bytes.length >= PREFIX.length && Arrays.equals(bytes, 0, PREFIX.length, PREFIX, 0, PREFIX.length);
    }

    /** A question or an answer from a peer; bad input is one log line. */
    void received(String from, byte[] bytes) {
        JsonNode m;
        try {
            m = JSON.readTree(bytes, PREFIX.length, bytes.length - PREFIX.length);
        } catch (IOException e) {
            log.accept("dropped a malformed history message from " + from);
            return;
        }
        if (m.has("a")) {
            CompletableFuture<JsonNode> f = waiting.remove(m.path("a").asLong());
            if (f != null) {
                f.complete(m);
            }
            return;
        }
        answering.execute(() -> answer(from, m));
    }

    private void answer(String from, JsonNode m) {
        ObjectNode answer = JSON.createObjectNode().put("a", m.path("q").asLong());
        switch (m.path("op").asText()) {
            case "list" -> {
                List<String> problems = new ArrayList<>();
                answer.set("records", JSON.valueToTree(store.list(problems)));
                answer.set("problems", JSON.valueToTree(problems));
            }
            case "input" -> {
                try {
                    Optional<Cib> c = store.input(m.path("number").asLong());
                    if (c.isPresent()) {
                        answer.put("cib", CibXml.write(c.get()));
                    } else {
                        answer.put("error", self + " keeps no transition " + m.path("number").asLong());
                    }
                } catch (IOException e) {
                    answer.put("error", e.getMessage());
                }
            }
            default -> {
                log.accept("dropped a history message of unknown kind from " + from);
                return;
            }
        }
        send(from, answer);
    }

    /** Every member's transitions, merged and ordered by start. */
    HistoryListing all() {
        List<TransitionRecord> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        out.addAll(store.list(problems));
        Map<String, CompletableFuture<JsonNode>> asked = new java.util.TreeMap<>();
        for (String m : members.get()) {
            if (!m.equals(self)) {
                asked.put(m, ask(m, JSON.createObjectNode().put("op", "list")));
            }
        }
        List<String> unanswered = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (var e : asked.entrySet()) {
            JsonNode a = await(e.getValue(), deadline);
            if (a == null) {
                unanswered.add(e.getKey());
                continue;
            }
            try {
                out.addAll(Arrays.asList(JSON.treeToValue(a.path("records"), TransitionRecord[].class)));
                a.path("problems").forEach(p -> problems.add(e.getKey() + ": " + p.asText()));
            } catch (IOException ex) {
                problems.add(e.getKey() + ": unreadable answer");
            }
        }
        out.sort(Comparator.comparingLong(TransitionRecord::startedMs).thenComparing(TransitionRecord::dc)
                .thenComparingLong(TransitionRecord::number));
        return new HistoryListing(out, unanswered, problems);
    }

    /** The scheduler input of {@code dc}'s transition {@code number}. */
    Cib input(String dc, long number) throws IOException {
        if (dc.equals(self)) {
            return store.input(number).orElseThrow(() -> new IOException(self + " keeps no transition " + number));
        }
        if (!members.get().contains(dc)) {
            throw new IOException(dc + " is not a member now: its transitions cannot be read");
        }
        JsonNode a = await(ask(dc, JSON.createObjectNode().put("op", "input").put("number", number)),
                System.nanoTime() + WAIT.toNanos());
        if (a == null) {
            throw new IOException(dc + " did not answer within " + WAIT.toSeconds() + " s");
        }
        if (a.has("error")) {
            throw new IOException(a.path("error").asText());
        }
        try {
            return CibXml.parse(a.path("cib").asText());
        } catch (CibParseException e) {
            throw new IOException(dc + " sent an unreadable input: " + e.getMessage());
        }
    }

    private CompletableFuture<JsonNode> ask(String node, ObjectNode question) {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        waiting.put(id, f);
        question.put("q", id);
        if (!send(node, question)) {
            waiting.remove(id);
            f.complete(null);
        }
        return f;
    }

    private JsonNode await(CompletableFuture<JsonNode> f, long deadlineNanos) {
        try {
            return f.get(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (Exception e) {
            return null;
        } finally {
            waiting.values().remove(f);
        }
    }

    private boolean send(String node, ObjectNode m) {
        try {
            byte[] body = JSON.writeValueAsBytes(m);
            byte[] bytes = Arrays.copyOf(PREFIX, PREFIX.length + body.length);
            System.arraycopy(body, 0, bytes, PREFIX.length, body.length);
            return membership.send(node, bytes);
        } catch (IOException e) {
            return false;
        }
    }
}
