package org.vigil.cli.simulate;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Transition Summary lines compared as crm_simulate's regression suite does: a set, white space folded. */
final class SummarySet {
    private SummarySet() {}

    static Set<String> fromLines(List<String> lines) {
        Set<String> out = new TreeSet<>();
        for (String l : lines) {
            if (!l.isBlank()) {
                out.add(fold(l));
            }
        }
        return out;
    }

    /** The lines under "Transition Summary:" of a crm_simulate output. */
    static Set<String> fromOutput(List<String> output) {
        Set<String> out = new TreeSet<>();
        boolean in = false;
        for (String l : output) {
            if (l.startsWith("Transition Summary:")) {
                in = true;
                continue;
            }
            if (in && !l.isBlank() && !Character.isWhitespace(l.charAt(0))) {
                break;
            }
            if (in && !l.isBlank()) {
                out.add(fold(l));
            }
        }
        return out;
    }

    static String fold(String line) {
        return line.trim().replaceAll("\\s+", " ");
    }
}
