package org.vigil.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigil.cib.DateExpression;
import org.vigil.cib.DateSpec;

/** Pacemaker's {@code date_expression}: in_range, gt, lt and date_spec, evaluated against an injected instant. */
public final class DateRules {
    private static final Pattern DATE = Pattern.compile(
            "\\s*(\\d{4})-(?:(\\d{3})|W(\\d{2})-(\\d)|(\\d{2})-(\\d{2}))"
                    + "(?:[ T](\\d{2}):(\\d{2})(?::(\\d{2}))?)?\\s*(Z|[+-]\\d{2}:?\\d{2}|[+-]\\d{2})?\\s*");

    private DateRules() {}

    /** A date expression's bounds, parsed once: {@code in_range}'s end from its duration when not given. */
    private record Span(String op, Optional<Instant> start, Optional<Instant> end) {
        static Span of(DateExpression d) {
            String op = d.operation() == null ? "in_range" : d.operation().trim();
            Optional<Instant> start = parse(d.start());
            Optional<Instant> end = parse(d.end());
            if (op.equals("in_range") && end.isEmpty() && start.isPresent() && d.duration() != null) {
                end = Optional.of(addDuration(start.get(), d.duration().fields()));
            }
            return new Span(op, start, end);
        }
    }

    public static boolean matches(DateExpression d, Instant now) {
        return now != null && matches(d, Span.of(d), now);
    }

    /** Evaluates {@code d} at {@code now} and tells {@code watch} when its answer next changes (bounds read once). */
    static boolean evaluate(DateExpression d, Instant now, RuleContext.DateWatch watch) {
        if (now == null) {
            return false;
        }
        Span span = Span.of(d);
        nextChange(span, now).ifPresent(watch::changesAt);
        return matches(d, span, now);
    }

    private static boolean matches(DateExpression d, Span span, Instant now) {
        switch (span.op()) {
            case "gt" -> {
                return span.start().map(now::isAfter).orElse(false);
            }
            case "lt" -> {
                return span.end().map(now::isBefore).orElse(false);
            }
            case "date_spec" -> {
                return d.dateSpec() != null && dateSpecMatches(d.dateSpec(), now);
            }
            case "in_range" -> {
                if (span.start().isEmpty() && span.end().isEmpty()) {
                    return false;
                }
                if (span.start().isPresent() && now.isBefore(span.start().get())) {
                    return false;
                }
                return span.end().isEmpty() || !now.isAfter(span.end().get());
            }
            default -> {
                return false;
            }
        }
    }

    /**
     * The first instant after {@code now} at which {@link #matches} gives another answer, when that instant
     * follows from the expression's bounds: {@code gt} turns true one second past its start, {@code lt} false
     * at its end, {@code in_range} true at its start and false one second past its (inclusive) end. As in
     * Pacemaker, a {@code date_spec} names no such instant; the cluster-recheck-interval covers it.
     */
    public static Optional<Instant> nextChange(DateExpression d, Instant now) {
        return now == null ? Optional.empty() : nextChange(Span.of(d), now);
    }

    private static Optional<Instant> nextChange(Span span, Instant now) {
        java.util.List<Instant> bounds = new java.util.ArrayList<>();
        switch (span.op()) {
            case "gt" -> span.start().ifPresent(s -> bounds.add(s.plusSeconds(1)));
            case "lt" -> span.end().ifPresent(bounds::add);
            case "in_range" -> {
                span.start().ifPresent(bounds::add);
                span.end().ifPresent(e -> bounds.add(e.plusSeconds(1)));
            }
            default -> { }
        }
        return bounds.stream().filter(now::isBefore).min(Instant::compareTo);
    }

    /** Parses Pacemaker's ISO 8601 subset: calendar, ordinal and week dates, optional time and offset. */
    public static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = DATE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int year = Integer.parseInt(m.group(1));
        LocalDate date;
        if (m.group(2) != null) {
            date = LocalDate.ofYearDay(year, Integer.parseInt(m.group(2)));
        } else if (m.group(3) != null) {
            date = LocalDate.of(year, 1, 4)
                    .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Integer.parseInt(m.group(3)))
                    .with(java.time.temporal.ChronoField.DAY_OF_WEEK, Integer.parseInt(m.group(4)));
        } else {
            date = LocalDate.of(year, Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)));
        }
        int h = m.group(7) == null ? 0 : Integer.parseInt(m.group(7));
        int mi = m.group(8) == null ? 0 : Integer.parseInt(m.group(8));
        int s = m.group(9) == null ? 0 : Integer.parseInt(m.group(9));
        ZoneOffset offset = ZoneOffset.UTC;
        String z = m.group(10);
        if (z != null && !z.equals("Z")) {
            String digits = z.substring(1).replace(":", "");
            int oh = Integer.parseInt(digits.substring(0, 2));
            int om = digits.length() >= 4 ? Integer.parseInt(digits.substring(2, 4)) : 0;
            int sign = z.charAt(0) == '-' ? -1 : 1;
            offset = ZoneOffset.ofHoursMinutes(sign * oh, sign * om);
        }
        return Optional.of(LocalDateTime.of(date, java.time.LocalTime.of(h, mi, s)).toInstant(offset));
    }

    static Instant addDuration(Instant start, Map<String, String> fields) {
        ZonedDateTime t = start.atZone(ZoneOffset.UTC);
        t = t.plusYears(num(fields, "years")).plusMonths(num(fields, "months")).plusWeeks(num(fields, "weeks"))
                .plusDays(num(fields, "days")).plusHours(num(fields, "hours")).plusMinutes(num(fields, "minutes"))
                .plusSeconds(num(fields, "seconds"));
        return t.toInstant();
    }

    private static long num(Map<String, String> fields, String key) {
        String v = fields.get(key);
        if (v == null) {
            return 0;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static boolean dateSpecMatches(DateSpec spec, Instant now) {
        ZonedDateTime t = now.atZone(ZoneOffset.UTC);
        return inRange(spec, "seconds", t.getSecond())
                && inRange(spec, "minutes", t.getMinute())
                && inRange(spec, "hours", t.getHour())
                && inRange(spec, "monthdays", t.getDayOfMonth())
                && inRange(spec, "weekdays", t.getDayOfWeek().getValue())
                && inRange(spec, "yeardays", t.getDayOfYear())
                && inRange(spec, "months", t.getMonthValue())
                && inRange(spec, "weeks", t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR))
                && inRange(spec, "years", t.getYear())
                && inRange(spec, "weekyears", t.get(IsoFields.WEEK_BASED_YEAR));
    }

    private static boolean inRange(DateSpec spec, String field, int value) {
        String range = spec.fields().get(field);
        if (range == null || range.isBlank()) {
            return true;
        }
        String r = range.trim();
        int dash = r.indexOf('-', 1);
        try {
            if (dash < 0) {
                return Integer.parseInt(r) == value;
            }
            String lo = r.substring(0, dash).trim();
            String hi = r.substring(dash + 1).trim();
            return (lo.isEmpty() || value >= Integer.parseInt(lo)) && (hi.isEmpty() || value <= Integer.parseInt(hi));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
