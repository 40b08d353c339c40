package org.vigil.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.vigil.rules.Durations;

/**
 * One line of a scenario's timeline, parsed: {@code VERB ARGS... at TIME [for DURATION]}.
 *
 * <pre>
 * crash node2 at 60s [for 5m]          hard power-off (powered on again after "for")
 * reboot node1 at 60s [for 90s]        clean reboot: drain, leave, come back
 * hang node2 at 60s for 20s            freeze, then resume
 * slow node2 [factor 5] at 60s [for 10m]  every action there takes 5 times as long
 * partition [node1,node2] [node3] at 2m for 30s
 * ring0 down [on node2] at 60s [for 30s]
 * fail monitor|start|stop|promote|migrate_to of vm01 [on node1] at 200s
 * hang start|stop|monitor of vm01 [on node1] at 200s
 * standby node1 at 300s / online node1 at 400s / cleanup vm01 at 500s
 * fencing fails at 50s [for 60s]
 * </pre>
 */
public record TimelineEvent(Duration at, String verb, List<String> args, List<Set<String>> groups, Duration span,
        String text) {
    public TimelineEvent {
        args = List.copyOf(args);
        groups = List.copyOf(groups);
    }

    public static TimelineEvent parse(String line) {
        String text = line.trim();
        int atIdx = indexOfWord(text, "at");
        if (atIdx < 0) {
            throw new IllegalArgumentException("timeline event '" + text + "': expected '... at TIME'");
        }
        String head = text.substring(0, atIdx).trim();
        String tail = text.substring(atIdx + 2).trim();
        Duration span = null;
        int forIdx = indexOfWord(tail, "for");
        String atText = forIdx < 0 ? tail : tail.substring(0, forIdx).trim();
        if (forIdx >= 0) {
            span = duration(tail.substring(forIdx + 3).trim(), text);
        }
        Duration at = duration(atText, text);
        List<Set<String>> groups = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        int i = 0;
        while (i < head.length()) {
            char c = head.charAt(i);
            if (c == '[') {
                int end = head.indexOf(']', i);
                if (end < 0) {
                    throw new IllegalArgumentException("timeline event '" + text + "': unclosed '['");
                }
                Set<String> g = new LinkedHashSet<>();
                for (String n : head.substring(i + 1, end).split("[,\\s]+")) {
                    if (!n.isBlank()) {
                        g.add(n.trim());
                    }
                }
                groups.add(g);
                i = end + 1;
            } else {
                plain.append(c);
                i++;
            }
        }
        List<String> words = new ArrayList<>(List.of(plain.toString().trim().split("\\s+")));
        words.removeIf(String::isEmpty);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("timeline event '" + text + "': missing what happens");
        }
        String verb = words.remove(0);
        return new TimelineEvent(at, verb, words, groups, span, text);
    }

    private static int indexOfWord(String s, String word) {
        String padded = " " + s + " ";
        int idx = padded.lastIndexOf(" " + word + " ");
        return idx < 0 ? -1 : idx;
    }

    static Duration duration(String spec, String context) {
        long ms = spec == null || spec.isBlank() ? -1 : Durations.parseIntervalMs(spec);
        if (ms < 0) {
            throw new IllegalArgumentException("'" + context + "': '" + spec
                    + "' is not a time (expected e.g. 90s, 5m, 1h)");
        }
        return Duration.ofMillis(ms);
    }

    /** The word after {@code of}, e.g. the resource in "fail monitor of vm01". */
    public String argAfter(String word) {
        int i = args.indexOf(word);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : null;
    }
}
