package org.vigil.membership;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What the cluster ports refused, and why: one log line the first time a peer address is refused for a
 * kind of reason (either way: connecting to it or accepting from it), then at most one line per
 * {@code interval} saying how often it happened since. Whoever can reach a
 * port decides how often a refusal happens, so the log must not grow with it. It also remembers each
 * address's last refusal, which the ring report shows (a node that cannot authenticate is isolated, not
 * "active with no faults").
 */
public final class RefusalLog {
    /**
     * A refusal: which ring, which peer address, whether this node was the one connecting, what kind of
     * failure ({@link #AUTHENTICATION} and the like) and why.
     */
    record Refusal(int ring, InetAddress peer, boolean outgoing, String kind, String reason, long atMillis) {}

    /** The peer could not prove it holds the cluster key (or this node could not prove it to the peer). */
    public static final String AUTHENTICATION = "authentication";
    /** The peer spoke, but not the cluster's protocol (wrong greeting, version, or a frame out of bounds). */
    public static final String PROTOCOL = "protocol";
    /** The peer said nothing useful before the deadline, or hung up. */
    public static final String SILENCE = "silence";
    /** Too many unauthenticated connections at once. */
    public static final String LIMIT = "limit";

    /** Addresses remembered at most: an attacker with many source addresses must not grow the map. */
    static final int MAX_PEERS = 256;

    private final Consumer<String> log;
    private final String subject;
    private final long intervalMs;
    private final LongSupplier clock;
    private final Map<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

    private record Key(int ring, InetAddress peer, String kind) {}

    private static final class Entry {
        Refusal last;
        long loggedAt;
        int suppressed;
    }

    RefusalLog(Consumer<String> log, long intervalMs, LongSupplier clock) {
        this(log, null, intervalMs, clock);
    }

    /**
     * A log for another guarded port (the remote executor's): its lines start with {@code subject} instead of the
     * ring number; refusals are noted with ring 0.
     */
    public RefusalLog(Consumer<String> log, String subject, long intervalMs, LongSupplier clock) {
        this.log = log;
        this.subject = subject;
        this.intervalMs = intervalMs;
        this.clock = clock;
    }

    /**
     * Notes a refusal; {@code kind} groups reasons that differ only in detail (so a peer sending varied
     * garbage still gets one line per interval).
     */
    public void refused(int ring, InetAddress peer, boolean outgoing, String kind, String reason) {
        long now = clock.getAsLong();
        String line = null;
        synchronized (this) {
            Key key = new Key(ring, peer, kind);
            Entry e = entries.get(key);
            if (e == null) {
                if (entries.size() >= MAX_PEERS) {
                    Iterator<Map.Entry<Key, Entry>> oldest = entries.entrySet().iterator();
                    oldest.next();
                    oldest.remove();
                }
                e = new Entry();
                e.loggedAt = Long.MIN_VALUE;
                entries.put(key, e);
            }
            e.last = new Refusal(ring, peer, outgoing, kind, reason, now);
            if (e.loggedAt == Long.MIN_VALUE || now - e.loggedAt >= intervalMs) {
                line = (subject == null ? describe(e.last) : subject + ": " + what(e.last)) + (e.suppressed == 0 ? ""
                        : " (" + e.suppressed + " more since " + (now - e.loggedAt) / 1000 + " s ago)");
                e.loggedAt = now;
                e.suppressed = 0;
            } else {
                e.suppressed++;
            }
        }
        if (line != null) {
            log.accept(line);
        }
    }

    /** A peer address authenticated: its refusals are history. */
    synchronized void authenticated(int ring, InetAddress peer) {
        entries.keySet().removeIf(k -> k.ring() == ring && k.peer().equals(peer));
    }

    /** Refusals newer than {@code withinMs}, oldest first. */
    synchronized List<Refusal> recent(long withinMs) {
        long now = clock.getAsLong();
        List<Refusal> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (now - e.last.atMillis() <= withinMs) {
                out.add(e.last);
            }
        }
        out.sort(java.util.Comparator.comparingLong(Refusal::atMillis));
        return out;
    }

    static String describe(Refusal r) {
        return "ring " + r.ring() + ": " + what(r);
    }

    private static String what(Refusal r) {
        return (r.outgoing() ? "cannot connect to " : "refused a connection from ") + r.peer().getHostAddress() + ": "
                + r.reason();
    }
}
