package org.vigil.ipc;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * At most one log line per kind of event per interval, with a count of what was held back: a stuck script
 * that reconnects in a loop must not fill the log. Used by one thread.
 */
final class LogThrottle {
    private record Seen(long at, int held) {}

    private final Consumer<String> log;
    private final long intervalNanos;
    private final Map<String, Seen> last = new HashMap<>();

    LogThrottle(Consumer<String> log, long intervalNanos) {
        this.log = log;
        this.intervalNanos = intervalNanos;
    }

    void line(String kind, String text) {
        long now = System.nanoTime();
        Seen s = last.get(kind);
        if (s != null && now - s.at() < intervalNanos) {
            last.put(kind, new Seen(s.at(), s.held() + 1));
            return;
        }
        log.accept(s == null || s.held() == 0 ? text : text + " (and " + s.held() + " more like it before)");
        last.put(kind, new Seen(now, 0));
    }
}
