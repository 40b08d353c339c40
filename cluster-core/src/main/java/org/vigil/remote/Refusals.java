package org.vigil.remote;

import java.net.InetAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What the remote executor port refused: one log line the first time an address is refused for a kind of reason,
 * then at most one per {@code intervalMs} with the count since. Whoever reaches the port decides how often it
 * refuses, so the log must not grow with that; nor the memory (at most {@link #MAX_PEERS} addresses remembered).
 */
final class Refusals {
    static final String AUTHENTICATION = "authentication";
    static final String PROTOCOL = "protocol";
    static final String SILENCE = "silence";
    static final String LIMIT = "limit";
    static final int MAX_PEERS = 256;

    private final Consumer<String> log;
    private final long intervalMs;
    private final LongSupplier clock;
    private final Map<String, long[]> entries = new LinkedHashMap<>(16, 0.75f, true);

    Refusals(Consumer<String> log, long intervalMs, LongSupplier clock) {
        this.log = log;
        this.intervalMs = intervalMs;
        this.clock = clock;
    }

    void refused(InetAddress peer, String kind, String reason) {
        long now = clock.getAsLong();
        String line = null;
        synchronized (this) {
            String key = peer.getHostAddress() + " " + kind;
            long[] e = entries.get(key); // {loggedAt, suppressed}
            if (e == null) {
                if (entries.size() >= MAX_PEERS) {
                    Iterator<String> oldest = entries.keySet().iterator();
                    oldest.next();
                    oldest.remove();
                }
                e = new long[] {Long.MIN_VALUE, 0};
                entries.put(key, e);
            }
            if (e[0] == Long.MIN_VALUE || now - e[0] >= intervalMs) {
                line = "remote executor: refused a connection from " + peer.getHostAddress() + ": " + reason
                        + (e[1] == 0 ? "" : " (" + e[1] + " more since " + (now - e[0]) / 1000 + " s ago)");
                e[0] = now;
                e[1] = 0;
            } else {
                e[1]++;
            }
        }
        if (line != null) {
            log.accept(line);
        }
    }

    /** At most 120 printable characters of an exception's message: never a stack trace, never raw bytes. */
    static String brief(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < m.length() && b.length() < 120; i++) {
            char c = m.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }
}
