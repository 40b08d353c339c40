package org.vigil.console;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.vigil.scheduler.Transition;

/**
 * A transition graph drawn as SVG on the server (no JavaScript library): actions in rows by their depth in the
 * ordering (an action sits below everything it waits for), arrows for the orderings, pseudo actions dashed,
 * and when results are known, each box coloured by its result (as crm_simulate's dot output, without Graphviz).
 */
final class GraphSvg {
    private static final int W = 230;
    private static final int H = 28;
    private static final int GAP_X = 20;
    private static final int GAP_Y = 46;

    private GraphSvg() {}

    /** @param results action key (RSC_TASK_INTERVAL) + "@" + node to its result (confirmed, failed, ...); may be empty */
    static String draw(Transition t, Map<String, String> results) {
        List<Transition.TransitionAction> actions = t.actions();
        if (actions.isEmpty()) {
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"40\" role=\"img\">"
                    + "<text x=\"10\" y=\"25\" font-family=\"sans-serif\" font-size=\"13\">No actions: nothing to do.</text></svg>";
        }
        Map<Integer, Transition.TransitionAction> byId = new HashMap<>();
        actions.forEach(a -> byId.put(a.id(), a));
        Map<Integer, List<Integer>> before = new HashMap<>();
        for (Transition.Ordering o : t.orderings()) {
            if (byId.containsKey(o.first()) && byId.containsKey(o.then())) {
                before.computeIfAbsent(o.then(), k -> new ArrayList<>()).add(o.first());
            }
        }
        Map<Integer, Integer> depth = new HashMap<>();
        for (Transition.TransitionAction a : actions) {
            depth(a.id(), before, depth, 0);
        }
        Map<Integer, List<Transition.TransitionAction>> rows = new TreeMap<>();
        for (Transition.TransitionAction a : actions) {
            rows.computeIfAbsent(depth.get(a.id()), k -> new ArrayList<>()).add(a);
        }
        int cols = rows.values().stream().mapToInt(List::size).max().orElse(1);
        int width = cols * (W + GAP_X) + GAP_X;
        int height = rows.size() * (H + GAP_Y) + GAP_Y / 2;
        Map<Integer, int[]> pos = new HashMap<>();
        int r = 0;
        for (List<Transition.TransitionAction> row : rows.values()) {
            int offset = (width - row.size() * (W + GAP_X) + GAP_X) / 2;
            for (int i = 0; i < row.size(); i++) {
                pos.put(row.get(i).id(), new int[] {offset + i * (W + GAP_X), GAP_Y / 2 + r * (H + GAP_Y)});
            }
            r++;
        }
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"graph\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" font-family=\"sans-serif\" font-size=\"11\">")
                .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"9\""
                        + " markerHeight=\"9\" orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\" fill=\"#555\"/>"
                        + "</marker></defs>");
        for (Map.Entry<Integer, List<Integer>> e : before.entrySet()) {
            int[] to = pos.get(e.getKey());
            for (int from : e.getValue()) {
                int[] f = pos.get(from);
                s.append("<line x1=\"").append(f[0] + W / 2).append("\" y1=\"").append(f[1] + H).append("\" x2=\"")
                        .append(to[0] + W / 2).append("\" y2=\"").append(to[1]).append("\" stroke=\"#555\" stroke-width=\"1.5\""
                                + " marker-end=\"url(#arrow)\"/>");
            }
        }
        for (Transition.TransitionAction a : actions) {
            int[] p = pos.get(a.id());
            String result = results.get(a.key() + "@" + a.node());
            String fill = a.pseudo() ? "#f4f4f4" : result == null ? "#e8f0fe"
                    : result.startsWith("confirmed") || result.equals("ok") ? "#d7f5d7"
                    : result.startsWith("fail") || result.contains("error") ? "#f9d0d0" : "#fff3c4";
            String label = a.pseudo() ? a.key() : a.key() + " " + a.node();
            s.append("<g class=\"action\"><title>").append(esc(label + (result == null ? "" : " (" + result + ")")))
                    .append("</title><rect x=\"").append(p[0]).append("\" y=\"").append(p[1]).append("\" width=\"").append(W)
                    .append("\" height=\"").append(H).append("\" rx=\"6\" fill=\"").append(fill)
                    .append("\" stroke=\"#333\"").append(a.pseudo() ? " stroke-dasharray=\"4 3\"" : "").append("/>")
                    .append("<text x=\"").append(p[0] + W / 2).append("\" y=\"").append(p[1] + H / 2 + 4)
                    .append("\" text-anchor=\"middle\">").append(esc(clip(label, 36))).append("</text></g>");
        }
        return s.append("</svg>").toString();
    }

    private static int depth(int id, Map<Integer, List<Integer>> before, Map<Integer, Integer> depth, int guard) {
        Integer known = depth.get(id);
        if (known != null) {
            return known;
        }
        int d = 0;
        if (guard < 10_000) { // orderings are acyclic; the bound keeps a broken input from recursing forever
            depth.put(id, 0);
            for (int b : before.getOrDefault(id, List.of())) {
                d = Math.max(d, depth(b, before, depth, guard + 1) + 1);
            }
        }
        depth.put(id, d);
        return d;
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
