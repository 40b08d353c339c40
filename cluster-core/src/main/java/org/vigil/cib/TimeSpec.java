package org.vigil.cib;

import java.util.Locale;
import java.util.OptionalLong;

/**
 * Pacemaker's time values for intervals and timeouts: a bare number is seconds; suffixes ms, s/sec,
 * m/min, h/hr; or ISO 8601 durations such as {@code PT30S}.
 */
public final class TimeSpec {
    private TimeSpec() {}

    public static OptionalLong parseMillis(String spec) {
        if (spec == null) {
            return OptionalLong.empty();
        }
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            return OptionalLong.empty();
        }
        if (s.startsWith("p")) {
            try {
                return OptionalLong.of(java.time.Duration.parse(s.toUpperCase(Locale.ROOT)).toMillis());
            } catch (java.time.format.DateTimeParseException e) {
                return OptionalLong.empty();
            }
        }
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        if (i == 0) {
            return OptionalLong.empty();
        }
        double number;
        try {
            number = Double.parseDouble(s.substring(0, i));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
        String unit = s.substring(i).trim();
        long factor = switch (unit) {
            case "", "s", "sec", "secs", "second", "seconds" -> 1000L;
            case "ms", "msec", "msecs" -> 1L;
            case "us", "usec", "usecs" -> 0L;
            case "m", "min", "mins", "minute", "minutes" -> 60_000L;
            case "h", "hr", "hrs", "hour", "hours" -> 3_600_000L;
            default -> -1L;
        };
        if (factor < 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(factor == 0 ? (long) (number / 1000) : (long) (number * factor));
    }

    public static long parseMillisOr(String spec, long fallback) {
        OptionalLong v = parseMillis(spec);
        return v.isPresent() ? v.getAsLong() : fallback;
    }
}
