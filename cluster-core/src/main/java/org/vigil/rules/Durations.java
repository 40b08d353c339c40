package org.vigil.rules;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pacemaker interval/timeout spellings: "10s", "5min", "1h", "1000ms", bare seconds, or ISO 8601 "PT10S". */
public final class Durations {
    private static final Pattern SIMPLE = Pattern.compile("\\s*(\\d+)\\s*([a-zA-Z]*)\\s*");

    private Durations() {}

    /** Milliseconds, or -1 when the text is not a duration. Null or empty counts as 0. */
    public static long parseIntervalMs(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        int digits = 0;
        while (digits < text.length() && text.charAt(digits) >= '0' && text.charAt(digits) <= '9') {
            digits++;
        }
        if (digits > 0 && digits <= 18 && lettersFrom(text, digits)) {
            // "30s", "20000", "5min": the usual spellings, read without a regex (the scheduler asks often)
            return scaled(Long.parseLong(text, 0, digits, 10), text.substring(digits));
        }
        Matcher m = SIMPLE.matcher(text);
        if (m.matches()) {
            return scaled(Long.parseLong(m.group(1)), m.group(2));
        }
        String upper = text.trim().toUpperCase(Locale.ROOT);
        if (upper.startsWith("P") && upper.length() > 1) {
            return isoDuration(upper);
        }
        return -1;
    }

    /**
     * An ISO 8601 duration as Pacemaker's crm_time_parse_duration reads it: numbers each followed by Y, M, W, D,
     * H or S in any order, a T only telling minutes (after it) from months (before it); -1 when malformed.
     */
    private static long isoDuration(String text) {
        long total = 0;
        boolean time = false;
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == 'T') {
                time = true;
                i++;
                continue;
            }
            int start = i;
            while (i < text.length() && Character.isDigit(text.charAt(i))) {
                i++;
            }
            if (i == start || i == text.length() || i - start > 12) {
                return -1;
            }
            long n = Long.parseLong(text, start, i, 10);
            long unit = switch (text.charAt(i)) {
                case 'Y' -> 365L * 86_400_000;
                case 'M' -> time ? 60_000 : 30L * 86_400_000;
                case 'W' -> 7L * 86_400_000;
                case 'D' -> 86_400_000;
                case 'H' -> 3_600_000;
                case 'S' -> 1000;
                default -> -1;
            };
            if (unit < 0) {
                return -1;
            }
            total += n * unit;
            i++;
        }
        return total;
    }

    private static boolean lettersFrom(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    private static long scaled(long n, String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "", "s", "sec", "secs", "second", "seconds" -> n * 1000;
            case "ms", "msec", "msecs" -> n;
            case "us", "usec", "usecs" -> n / 1000;
            case "m", "min", "mins", "minute", "minutes" -> n * 60_000;
            case "h", "hr", "hrs", "hour", "hours" -> n * 3_600_000;
            default -> -1;
        };
    }
}
