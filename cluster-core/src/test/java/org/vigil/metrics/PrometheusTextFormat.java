package org.vigil.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict reader of Prometheus' text exposition format 0.0.4, written from the format's grammar (no parser
 * library for Java is served here): every line is a HELP, a TYPE, a comment, blank or a sample; names and label
 * names must match the grammar, label values use only the three escapes, values are Go floats; a family's
 * TYPE comes before its samples, its samples are contiguous, no series appears twice, and the samples of a
 * counter, histogram or summary carry the suffixes their type allows. Any violation throws with the line.
 */
public final class PrometheusTextFormat {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    public record Sample(String name, Map<String, String> labels, double value) {}

    public record Family(String name, String type, String help, List<Sample> samples) {}

    private PrometheusTextFormat() {}

    public static Map<String, Family> parse(String text) {
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, String> helps = new LinkedHashMap<>();
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        Set<String> series = new HashSet<>();
        Set<String> closed = new HashSet<>();
        String current = null;
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition must end with a line feed");
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            int no = i + 1;
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                String[] parts = line.split(" ", 4);
                if (parts.length >= 3 && (parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
                    String name = parts[2];
                    need(METRIC_NAME.matcher(name).matches(), no, "bad metric name '" + name + "'");
                    if (parts[1].equals("TYPE")) {
                        need(parts.length == 4 && TYPES.contains(parts[3]), no, "bad TYPE line: " + line);
                        need(!types.containsKey(name), no, "second TYPE for " + name);
                        need(!samples.containsKey(name), no, "TYPE for " + name + " after its samples");
                        types.put(name, parts[3]);
                    } else {
                        need(!helps.containsKey(name), no, "second HELP for " + name);
                        helps.put(name, parts.length == 4 ? unescapeHelp(parts[3], no) : "");
                    }
                }
                continue;
            }
            Sample s = sample(line, no);
            String family = familyOf(s.name(), types);
            need(!closed.contains(family) || family.equals(current), no, "samples of " + family + " are not contiguous");
            if (current != null && !current.equals(family)) {
                closed.add(current);
            }
            current = family;
            String type = types.getOrDefault(family, "untyped");
            checkSuffix(type, family, s.name(), no);
            String key = s.name() + new TreeMap<>(s.labels());
            need(series.add(key), no, "series repeated: " + key);
            samples.computeIfAbsent(family, k -> new ArrayList<>()).add(s);
        }
        Map<String, Family> out = new LinkedHashMap<>();
        Set<String> names = new java.util.LinkedHashSet<>(types.keySet());
        names.addAll(samples.keySet());
        for (String n : names) {
            out.put(n, new Family(n, types.getOrDefault(n, "untyped"), helps.get(n), samples.getOrDefault(n, List.of())));
        }
        return out;
    }

    private static String familyOf(String sampleName, Map<String, String> types) {
        if (types.containsKey(sampleName)) {
            return sampleName;
        }
        for (String suffix : List.of("_total", "_bucket", "_count", "_sum", "_created")) {
            if (sampleName.endsWith(suffix)) {
                String base = sampleName.substring(0, sampleName.length() - suffix.length());
                if (types.containsKey(base)) {
                    return base;
                }
            }
        }
        return sampleName;
    }

    private static void checkSuffix(String type, String family, String name, int no) {
        String suffix = name.substring(family.length());
        boolean ok = switch (type) {
            case "counter" -> suffix.equals("_total") || suffix.equals("_created") || suffix.isEmpty();
            case "histogram" -> Set.of("_bucket", "_count", "_sum", "_created").contains(suffix);
            case "summary" -> Set.of("", "_count", "_sum", "_created").contains(suffix);
            default -> suffix.isEmpty();
        };
        need(ok, no, "sample " + name + " does not fit the " + type + " " + family);
    }

    private static Sample sample(String line, int no) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        need(METRIC_NAME.matcher(name).matches(), no, "bad metric name '" + name + "'");
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (true) {
                need(i < line.length(), no, "unclosed label set");
                if (line.charAt(i) == '}') {
                    i++;
                    break;
                }
                int eq = line.indexOf('=', i);
                need(eq > i, no, "expected label=\"value\"");
                String label = line.substring(i, eq);
                need(LABEL_NAME.matcher(label).matches(), no, "bad label name '" + label + "'");
                need(eq + 1 < line.length() && line.charAt(eq + 1) == '"', no, "label value must be quoted");
                StringBuilder v = new StringBuilder();
                int j = eq + 2;
                while (true) {
                    need(j < line.length(), no, "unterminated label value");
                    char c = line.charAt(j);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        need(j + 1 < line.length(), no, "dangling escape");
                        char e = line.charAt(j + 1);
                        switch (e) {
                            case '\\' -> v.append('\\');
                            case '"' -> v.append('"');
                            case 'n' -> v.append('\n');
                            default -> throw new IllegalArgumentException("line " + no + ": bad escape \\" + e);
                        }
                        j += 2;
                        continue;
                    }
                    v.append(c);
                    j++;
                }
                need(labels.put(label, v.toString()) == null, no, "label " + label + " twice");
                i = j + 1;
                need(i < line.length(), no, "unclosed label set");
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
        }
        need(i < line.length() && line.charAt(i) == ' ', no, "expected a space before the value");
        String[] rest = line.substring(i + 1).trim().split(" +");
        need(rest.length == 1 || rest.length == 2, no, "expected a value and at most a timestamp");
        double value = number(rest[0], no);
        if (rest.length == 2) {
            try {
                Long.parseLong(rest[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("line " + no + ": bad timestamp '" + rest[1] + "'");
            }
        }
        return new Sample(name, labels, value);
    }

    private static double number(String s, int no) {
        switch (s) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                need(s.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?"), no, "bad value '" + s + "'");
                return Double.parseDouble(s);
        }
    }

    private static String unescapeHelp(String s, int no) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                need(i + 1 < s.length() && (s.charAt(i + 1) == '\\' || s.charAt(i + 1) == 'n'), no, "bad escape in HELP");
                b.append(s.charAt(++i) == 'n' ? '\n' : '\\');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static void need(boolean ok, int line, String what) {
        if (!ok) {
            throw new IllegalArgumentException("line " + line + ": " + what);
        }
    }
}
