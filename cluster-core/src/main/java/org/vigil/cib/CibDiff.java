package org.vigil.cib;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Structural diff and patch of CIBs, over their XML trees so that sections Vigil keeps verbatim are covered
 * too. Children are matched by element name and id (or position when they have no id). Applying the diff
 * of (a, b) to a gives b; that is what replication sends instead of whole CIBs.
 */
public final class CibDiff {
    private CibDiff() {}

    public static List<CibChange> between(Cib before, Cib after) {
        List<CibChange> out = new ArrayList<>();
        diff(CibXml.toTree(before), CibXml.toTree(after), "/cib", out);
        return out;
    }

    public static List<CibChange> between(XmlElement before, XmlElement after) {
        List<CibChange> out = new ArrayList<>();
        if (!before.name().equals(after.name())) {
            out.add(new CibChange.Replaced("/" + before.name(), before, after));
            return out;
        }
        diff(before, after, "/" + before.name(), out);
        return out;
    }

    private static void diff(XmlElement a, XmlElement b, String path, List<CibChange> out) {
        if (!a.attributes().equals(b.attributes()) || !Objects.equals(a.text(), b.text())) {
            out.add(new CibChange.Modified(path, a.attributes(), b.attributes(), a.text(), b.text()));
        }
        List<String> keysA = keys(a.children());
        List<String> keysB = keys(b.children());
        Map<String, XmlElement> byKeyB = index(keysB, b.children());
        Map<String, XmlElement> byKeyA = index(keysA, a.children());
        List<String> commonInA = keysA.stream().filter(byKeyB::containsKey).toList();
        List<String> commonInB = keysB.stream().filter(byKeyA::containsKey).toList();
        if (!commonInA.equals(commonInB)) {
            out.add(new CibChange.Replaced(path, a, b));
            return;
        }
        // Last first, so removing one positional sibling does not renumber the next one to remove.
        for (int i = keysA.size() - 1; i >= 0; i--) {
            if (!byKeyB.containsKey(keysA.get(i))) {
                out.add(new CibChange.Removed(path + "/" + keysA.get(i), a.children().get(i)));
            }
        }
        for (int i = 0; i < keysB.size(); i++) {
            String k = keysB.get(i);
            XmlElement old = byKeyA.get(k);
            if (old == null) {
                out.add(new CibChange.Added(path, i, b.children().get(i)));
            } else if (!old.equals(b.children().get(i))) {
                diff(old, b.children().get(i), path + "/" + k, out);
            }
        }
    }

    /** Applies changes made by {@link #between(Cib, Cib)} and reads the result back into the model. */
    public static Cib apply(Cib base, List<CibChange> changes) throws CibParseException {
        XmlElement tree = apply(CibXml.toTree(base), changes);
        return CibXml.parse(CibXml.write(tree));
    }

    public static XmlElement apply(XmlElement root, List<CibChange> changes) {
        XmlElement result = root;
        for (CibChange c : changes) {
            result = applyOne(result, c);
        }
        return result;
    }

    private static XmlElement applyOne(XmlElement root, CibChange change) {
        List<String> steps = steps(change.path());
        if (change instanceof CibChange.Added add) {
            return update(root, steps, 1, e -> {
                List<XmlElement> kids = new ArrayList<>(e.children());
                kids.add(Math.min(add.index(), kids.size()), add.element());
                return e.withChildren(kids);
            });
        }
        if (change instanceof CibChange.Removed) {
            String last = steps.get(steps.size() - 1);
            return update(root, steps.subList(0, steps.size() - 1), 1, e -> {
                List<String> keys = keys(e.children());
                List<XmlElement> kids = new ArrayList<>(e.children());
                int i = keys.indexOf(last);
                if (i < 0) {
                    throw new IllegalArgumentException("no element " + change.path() + " to remove");
                }
                kids.remove(i);
                return e.withChildren(kids);
            });
        }
        if (change instanceof CibChange.Modified m) {
            return update(root, steps, 1,
                    e -> new XmlElement(e.name(), m.after(), e.children(), m.textAfter()));
        }
        CibChange.Replaced r = (CibChange.Replaced) change;
        if (steps.size() == 1) {
            return r.after();
        }
        return update(root, steps, 1, e -> r.after());
    }

    private interface Edit {
        XmlElement apply(XmlElement e);
    }

    /** Rebuilds the spine from {@code root} down to the element named by {@code steps}, editing that one. */
    private static XmlElement update(XmlElement node, List<String> steps, int depth, Edit edit) {
        if (depth == steps.size()) {
            return edit.apply(node);
        }
        List<String> keys = keys(node.children());
        int i = keys.indexOf(steps.get(depth));
        if (i < 0) {
            throw new IllegalArgumentException("no element " + String.join("/", steps.subList(0, depth + 1)));
        }
        List<XmlElement> kids = new ArrayList<>(node.children());
        kids.set(i, update(kids.get(i), steps, depth + 1, edit));
        return node.withChildren(kids);
    }

    /** Splits a path on '/' outside of [@id='...'] predicates. */
    private static List<String> steps(String path) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inQuote = false;
        for (int i = 1; i < path.length(); i++) {
            char ch = path.charAt(i);
            if (ch == '\'') {
                inQuote = !inQuote;
            }
            if (ch == '/' && !inQuote) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static List<String> keys(List<XmlElement> children) {
        List<String> out = new ArrayList<>(children.size());
        Map<String, Integer> positions = new HashMap<>();
        for (XmlElement c : children) {
            String id = c.id();
            if (id != null && !c.name().equals("resource_ref")) {
                String key = c.name() + "[@id='" + id.replace("'", "&apos;") + "']";
                if (out.contains(key)) {
                    // duplicate ids (invalid, but must not break the diff): fall back to position
                    key = c.name() + "[" + positions.merge(c.name(), 1, Integer::sum) + "]";
                }
                out.add(key);
            } else {
                out.add(c.name() + "[" + positions.merge(c.name(), 1, Integer::sum) + "]");
            }
        }
        return out;
    }

    private static Map<String, XmlElement> index(List<String> keys, List<XmlElement> children) {
        Map<String, XmlElement> m = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            m.put(keys.get(i), children.get(i));
        }
        return m;
    }
}
