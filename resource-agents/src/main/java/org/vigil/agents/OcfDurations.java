package org.vigil.agents;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pacemaker interval/timeout syntax: {@code 20}, {@code 20s}, {@code 500ms}, {@code 2min}, {@code 1h}. */
public final class OcfDurations {
    private static final Pattern SPEC = Pattern.compile("\\s*(\\d+)\\s*(ms|msec|s|sec|m|min|h|hr)?\\s*");

    private OcfDurations() {}

    public static Duration parse(String text) {
        Matcher m = SPEC.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid duration '" + text + "': expected a number with optional unit ms, s, min or h (e.g. 20s)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms", "msec" -> Duration.ofMillis(n);
            case "m", "min" -> Duration.ofMinutes(n);
            case "h", "hr" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** Renders as Pacemaker writes durations: whole seconds as {@code Ns}, otherwise {@code Nms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }
}
