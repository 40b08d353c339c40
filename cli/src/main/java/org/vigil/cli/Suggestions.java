package org.vigil.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean ...?" for misspelled ids, attribute names and keywords. */
public final class Suggestions {
    private Suggestions() {}

    /** Up to three candidates close to {@code word}, closest first. */
    public static List<String> closest(String word, Collection<String> candidates) {
        record Scored(String s, int d) {}
        List<Scored> scored = new ArrayList<>();
        String w = word.toLowerCase(Locale.ROOT);
        for (String c : candidates) {
            String lc = c.toLowerCase(Locale.ROOT);
            int d = distance(w, lc);
            int limit = Math.max(1, Math.min(3, w.length() / 3));
            if (d <= limit || (w.length() >= 3 && (lc.startsWith(w) || lc.contains(w)))) {
                scored.add(new Scored(c, d));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::d).thenComparing(Scored::s));
        return scored.stream().limit(3).map(Scored::s).distinct().toList();
    }

    /** " (did you mean X?)" or the empty string. */
    public static String hint(String word, Collection<String> candidates) {
        List<String> c = closest(word, candidates);
        if (c.isEmpty()) {
            return "";
        }
        return " (did you mean " + String.join(" or ", c) + "?)";
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
