package org.vigil.cli.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vigil.cib.ResourceSet;

/**
 * The resource lists of colocation, order and location: two resources ({@code A B:Master}) make the simple
 * form; more, or any bracket, make resource sets. {@code ( ... )} is a set with {@code sequential=false},
 * {@code [ ... ]} one with {@code require-all=false} as well; a run of bare resources with the same role or
 * action suffix is one ordinary set.
 */
final class ResourceSets {
    enum Kind {
        COLOCATION("role"),
        ORDER("action"),
        LOCATION("role"),
        /** A ticket's simple form has one resource, not two. */
        TICKET("role");

        final String suffixAttribute;

        Kind(String suffixAttribute) {
            this.suffixAttribute = suffixAttribute;
        }
    }

    record Item(String id, String suffix) {}

    /** The simple form has exactly two items and no sets. */
    record Parsed(List<Item> items, List<ResourceSet> sets, Map<String, String> attributes, boolean simple) {}

    private record Element(List<Item> items, Map<String, String> attributes, String setId, boolean bracketed) {}

    private ResourceSets() {}

    static Parsed parseItems(Cursor c, String constraintId, Kind kind) {
        List<Element> elements = new ArrayList<>();
        Map<String, String> attrs = new LinkedHashMap<>();
        while (!c.atEnd()) {
            Token t = c.peek();
            if (t.is("(") || t.is("[")) {
                c.next("(");
                elements.add(bracket(c, t.text(), kind));
            } else if (c.peekIsPair()) {
                ConfigParser.Pair p = ConfigParser.pair(c);
                attrs.put(p.name(), p.value());
            } else {
                Item item = item(c, kind);
                elements.add(new Element(List.of(item), Map.of(), null, false));
            }
        }
        long bare = elements.stream().filter(e -> !e.bracketed).count();
        int simpleCount = kind == Kind.TICKET ? 1 : 2;
        if (bare == elements.size() && elements.size() == simpleCount) {
            if (simpleCount == 1) {
                return new Parsed(List.of(elements.get(0).items.get(0)), List.of(), attrs, true);
            }
            return new Parsed(List.of(elements.get(0).items.get(0), elements.get(1).items.get(0)), List.of(),
                    attrs, true);
        }
        if (elements.isEmpty() || (bare == elements.size() && elements.size() < simpleCount)) {
            throw c.error("expected at least " + (simpleCount == 1 ? "one resource" : "two resources")
                    + " (or resource sets) in constraint " + constraintId);
        }
        return new Parsed(List.of(), toSets(constraintId, elements, kind), attrs, false);
    }

    /** The resource sets of a location, after its opening brace. */
    static List<ResourceSet> parse(Cursor c, String constraintId, String closer, Kind kind) {
        List<Element> elements = new ArrayList<>();
        while (true) {
            Token t = c.next("a resource, a bracketed set or '" + closer + "'");
            if (t.is(closer)) {
                break;
            }
            if (t.is("(") || t.is("[")) {
                elements.add(bracket(c, t.text(), kind));
            } else {
                elements.add(new Element(List.of(splitItem(c, t.text(), kind)), Map.of(), null, false));
            }
        }
        if (elements.isEmpty()) {
            throw c.error("empty resource set list in constraint " + constraintId);
        }
        return toSets(constraintId, elements, kind);
    }

    private static Element bracket(Cursor c, String open, Kind kind) {
        String close = open.equals("(") ? ")" : "]";
        List<Item> items = new ArrayList<>();
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("sequential", "false");
        if (open.equals("[")) {
            attrs.put("require-all", "false");
        }
        String setId = null;
        while (true) {
            Token t = c.next("a resource or '" + close + "'");
            if (t.is(close)) {
                break;
            }
            int eq = t.text().indexOf('=');
            if (eq > 0) {
                String name = t.text().substring(0, eq);
                String value = t.text().substring(eq + 1);
                if (name.equals("$id")) {
                    setId = value;
                } else {
                    attrs.put(name, value);
                }
            } else {
                items.add(splitItem(c, t.text(), kind));
            }
        }
        if (items.isEmpty()) {
            throw c.error("empty resource set '" + open + " " + close + "'");
        }
        String suffix = items.get(0).suffix();
        for (Item i : items) {
            if (!Objects.equals(i.suffix(), suffix)) {
                throw c.error("all resources in one set must have the same " + kind.suffixAttribute
                        + " (found " + items.get(0).id() + " and " + i.id() + ")");
            }
        }
        return new Element(items, attrs, setId, true);
    }

    private static Item item(Cursor c, Kind kind) {
        return splitItem(c, c.nextText("a resource id"), kind);
    }

    private static Item splitItem(Cursor c, String text, Kind kind) {
        String id = text;
        String suffix = null;
        int colon = text.indexOf(':');
        if (colon >= 0) {
            id = text.substring(0, colon);
            suffix = text.substring(colon + 1);
            if (suffix.isEmpty()) {
                throw c.errorAtPrevious("missing " + kind.suffixAttribute + " after '" + id + ":'");
            }
        }
        ConfigParser.checkId(c, id, "resource id");
        return new Item(id, suffix);
    }

    private static List<ResourceSet> toSets(String constraintId, List<Element> elements, Kind kind) {
        List<ResourceSet> sets = new ArrayList<>();
        List<Item> run = new ArrayList<>();
        for (Element e : elements) {
            if (!e.bracketed) {
                Item item = e.items.get(0);
                if (!run.isEmpty() && !Objects.equals(run.get(0).suffix(), item.suffix())) {
                    sets.add(set(constraintId, sets.size(), null, run, Map.of(), kind));
                    run = new ArrayList<>();
                }
                run.add(item);
                continue;
            }
            if (!run.isEmpty()) {
                sets.add(set(constraintId, sets.size(), null, run, Map.of(), kind));
                run = new ArrayList<>();
            }
            sets.add(set(constraintId, sets.size(), e.setId, e.items, e.attributes, kind));
        }
        if (!run.isEmpty()) {
            sets.add(set(constraintId, sets.size(), null, run, Map.of(), kind));
        }
        return sets;
    }

    private static ResourceSet set(String constraintId, int n, String id, List<Item> items,
            Map<String, String> attrs, Kind kind) {
        Map<String, String> a = new LinkedHashMap<>(attrs);
        String suffix = items.get(0).suffix();
        if (suffix != null) {
            a.put(kind.suffixAttribute, suffix);
        }
        return new ResourceSet(id == null ? Ids.resourceSet(constraintId, n) : id, null, a,
                items.stream().map(Item::id).toList());
    }
}
