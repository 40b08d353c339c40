package org.vigil.cib;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * Pacemaker's score algebra. {@link #INFINITY} is 1,000,000; sums saturate, and -INFINITY wins over
 * +INFINITY (a ban beats a preference).
 */
public final class Score {
    public static final int INFINITY = 1_000_000;
    public static final int MINUS_INFINITY = -INFINITY;

    private Score() {}

    /** Adds with Pacemaker's rules: -INF + anything = -INF; +INF + finite = +INF; otherwise clamped. */
    public static int add(int a, int b) {
        if (a <= MINUS_INFINITY || b <= MINUS_INFINITY) {
            return MINUS_INFINITY;
        }
        if (a >= INFINITY || b >= INFINITY) {
            return INFINITY;
        }
        long sum = (long) a + b;
        return (int) Math.max(MINUS_INFINITY, Math.min(INFINITY, sum));
    }

    /**
     * Parses INFINITY, +INFINITY, -INFINITY, inf, +inf, -inf, the node-health words red/yellow/green
     * (as Pacemaker's defaults -INFINITY/0/0), and integers (clamped). Empty means not a score.
     */
    public static OptionalInt parse(String s) {
        if (s == null) {
            return OptionalInt.empty();
        }
        String t = s.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "infinity", "+infinity", "inf", "+inf", "mandatory" -> {
                return OptionalInt.of(INFINITY);
            }
            case "-infinity", "-inf" -> {
                return OptionalInt.of(MINUS_INFINITY);
            }
            case "red" -> {
                return OptionalInt.of(MINUS_INFINITY);
            }
            case "yellow", "green", "advisory" -> {
                return OptionalInt.of(0);
            }
            default -> { }
        }
        if (t.isEmpty()) {
            return OptionalInt.empty();
        }
        int i = 0;
        if (t.charAt(0) == '+' || t.charAt(0) == '-') {
            i = 1;
        }
        if (i == t.length()) {
            return OptionalInt.empty();
        }
        for (int j = i; j < t.length(); j++) {
            if (!Character.isDigit(t.charAt(j))) {
                return OptionalInt.empty();
            }
        }
        if (t.length() > 12) {
            return OptionalInt.of(t.charAt(0) == '-' ? MINUS_INFINITY : INFINITY);
        }
        long v = Long.parseLong(t);
        return OptionalInt.of((int) Math.max(MINUS_INFINITY, Math.min(INFINITY, v)));
    }

    /** Parses, or returns {@code fallback} for text that is not a score. */
    public static int parseOr(String s, int fallback) {
        OptionalInt v = parse(s);
        return v.isPresent() ? v.getAsInt() : fallback;
    }

    /** As Pacemaker prints scores: INFINITY, -INFINITY, or the number. */
    public static String format(int score) {
        if (score >= INFINITY) {
            return "INFINITY";
        }
        if (score <= MINUS_INFINITY) {
            return "-INFINITY";
        }
        return Integer.toString(score);
    }
}
