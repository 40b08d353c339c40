package org.vigil.console;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Logged-in users: a random session token (the cookie) maps to the user, role and a CSRF token that every
 * action must send back in a header. Sessions end after {@link #IDLE} without a request; at most {@link #MAX}
 * are kept (the oldest goes first), so logins cannot fill the memory.
 */
final class Sessions {
    static final Duration IDLE = Duration.ofMinutes(30);
    static final int MAX = 256;

    record Session(String token, String user, Role role, String csrf, Instant lastSeen) {}

    private final Map<String, Session> byToken = new LinkedHashMap<>(16, 0.75f, true);
    private final SecureRandom random;
    private final Clock clock;

    Sessions(SecureRandom random, Clock clock) {
        this.random = random;
        this.clock = clock;
    }

    synchronized Session open(String user, Role role) {
        expire();
        while (byToken.size() >= MAX) {
            Iterator<String> eldest = byToken.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        Session s = new Session(token(), user, role, token(), clock.instant());
        byToken.put(s.token(), s);
        return s;
    }

    synchronized Optional<Session> find(String token) {
        if (token == null) {
            return Optional.empty();
        }
        expire();
        Session s = byToken.get(token);
        if (s == null) {
            return Optional.empty();
        }
        Session seen = new Session(s.token(), s.user(), s.role(), s.csrf(), clock.instant());
        byToken.put(token, seen);
        return Optional.of(seen);
    }

    synchronized void close(String token) {
        if (token != null) {
            byToken.remove(token);
        }
    }

    private void expire() {
        Instant limit = clock.instant().minus(IDLE);
        byToken.values().removeIf(s -> s.lastSeen().isBefore(limit));
    }

    private String token() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
