package org.vigil.rules;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pacemaker interval/timeout spellings: "10s", "5min", "1h", "1000ms", bare seconds, or ISO 8601 "PT10S". */
public final class Durations {
    private static final Pattern SIMPLE = Pattern.compile("\\s*(\\d+)\\s*([a-zA-Z]*)\\s*");
    private static final Pattern ISO = Pattern.compile(
            "\\s*P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?)?\\s*");

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
        Matcher iso = ISO.matcher(text.toUpperCase(Locale.ROOT));
        if (iso.matches()) {
            long[] mult = {365L * 86_400_000, 30L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000,
                1000};
            long total = 0;
            for (int i = 0; i < mult.length; i++) {
                if (iso.group(i + 1) != null) {
                    total += Long.parseLong(iso.group(i + 1)) * mult[i];
                }
            }
            return total;
        }
        return -1;
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
