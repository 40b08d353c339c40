package org.vigil.cts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Settle times per fault kind, and the summary lines the suite ends with. */
final class SettleStats {
    private final Map<String, List<Double>> byKind = new LinkedHashMap<>();
    private final Map<String, Integer> unsettled = new LinkedHashMap<>();
    private final List<Double> all = new ArrayList<>();

    void settled(String kind, double seconds) {
        byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(seconds);
        all.add(seconds);
    }

    void unsettled(String kind) {
        byKind.computeIfAbsent(kind, k -> new ArrayList<>());
        unsettled.merge(kind, 1, Integer::sum);
    }

    /** One line per kind, in the order kinds first occurred. */
    List<String> perKind() {
        List<String> out = new ArrayList<>();
        byKind.forEach((kind, times) -> {
            int u = unsettled.getOrDefault(kind, 0);
            out.add(String.format(Locale.ROOT, "  %-15s %3d faults, settle median %s s, max %s s%s", kind,
                    times.size() + u, fmt(median(times)), fmt(max(times)), u == 0 ? "" : ", " + u + " did not settle"));
        });
        return out;
    }

    String lastLine(int faults, int auditFailures) {
        return "faults: " + faults + ", audit failures: " + auditFailures + ", settle median " + fmt(median(all))
                + " s, max " + fmt(max(all)) + " s";
    }

    static double median(List<Double> xs) {
        if (xs.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = xs.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    static double max(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    static String fmt(double seconds) {
        return Double.isNaN(seconds) ? "-" : String.format(Locale.ROOT, "%.2f", seconds);
    }
}
