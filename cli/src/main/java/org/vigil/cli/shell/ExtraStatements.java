package org.vigil.cli.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.cib.OpaqueConstraint;
import org.vigil.cib.ResourceSet;
import org.vigil.cib.XmlElement;

/** Statements whose CIB form Vigil keeps as XML: fencing topology, tags, tickets. */
final class ExtraStatements {
    static final String FENCING_TOPOLOGY = "fencing-topology";
    static final String TAGS = "tags";

    private ExtraStatements() {}

    /**
     * {@code fencing_topology NODE: dev1,dev2 dev3 NODE2: ...}: each device list is the next level. Without any
     * target ({@code fencing_topology st st2}) the levels apply to every node: they are kept without a target
     * here and {@link #forEveryNode} expands them when the statement is applied, as crmsh does.
     */
    static Statement fencingTopology(Cursor c, int line) {
        List<XmlElement> levels = new ArrayList<>();
        Map<String, String> target = null;
        boolean everyNode = false;
        int index = 0;
        while (!c.atEnd()) {
            Token t = c.next("a target (NODE:) or devices");
            String s = t.text();
            if (s.startsWith("attr:")) {
                int eq = s.indexOf('=');
                if (eq < 0) {
                    throw c.errorAtPrevious("expected attr:NAME=VALUE but found '" + s + "'");
                }
                target = Map.of("target-attribute", s.substring(5, eq), "target-value", s.substring(eq + 1));
                index = 0;
            } else if (everyNode && (s.startsWith("pattern:") || s.endsWith(":"))) {
                throw c.errorAtPrevious("fencing_topology: target '" + s + "' after levels without a target; "
                        + "either give every level a target (NODE:) or none (the levels then apply to all nodes)");
            } else if (s.startsWith("pattern:")) {
                target = Map.of("target-pattern", s.substring(8));
                index = 0;
            } else if (s.endsWith(":") && s.length() > 1) {
                target = Map.of("target", s.substring(0, s.length() - 1));
                index = 0;
            } else {
                if (target == null) {
                    everyNode = true;
                    target = Map.of();
                }
                index++;
                Map<String, String> a = new LinkedHashMap<>(target);
                a.put("id", Ids.fencingLevel(levels.size()));
                a.put("index", Integer.toString(index));
                a.put("devices", s);
                levels.add(new XmlElement("fencing-level", a, List.of()));
            }
        }
        if (levels.isEmpty()) {
            throw c.error("fencing_topology needs at least one target and device list");
        }
        return new Statement.ExtraDef(FENCING_TOPOLOGY, FENCING_TOPOLOGY,
                new XmlElement(FENCING_TOPOLOGY, Map.of(), levels), line);
    }

    /** True when the levels carry no target: {@code fencing_topology st st2}. */
    static boolean targetless(XmlElement topology) {
        return topology.children().stream().allMatch(l -> l.attribute("target") == null
                && l.attribute("target-attribute") == null && l.attribute("target-pattern") == null);
    }

    /** Targetless levels repeated for each node (in node order), numbered per node, with crmsh's ids. */
    static XmlElement forEveryNode(XmlElement topology, List<String> nodes) {
        List<XmlElement> out = new ArrayList<>();
        for (String node : nodes) {
            int index = 0;
            for (XmlElement level : topology.children()) {
                Map<String, String> a = new LinkedHashMap<>();
                a.put("target", node);
                a.put("id", Ids.fencingLevel(out.size()));
                a.put("index", Integer.toString(++index));
                a.put("devices", level.attribute("devices"));
                out.add(new XmlElement("fencing-level", a, List.of()));
            }
        }
        return topology.withChildren(out);
    }

    /** {@code tag ID: RSC ...} (or without the colon). */
    static Statement tag(Cursor c, int line) {
        String id = c.nextText("a tag id");
        if (id.endsWith(":")) {
            id = id.substring(0, id.length() - 1);
        }
        ConfigParser.checkId(c, id, "tag id");
        List<XmlElement> refs = new ArrayList<>();
        while (!c.atEnd()) {
            String r = ConfigParser.id(c, "resource id");
            refs.add(new XmlElement("obj_ref", Map.of("id", r), List.of()));
        }
        if (refs.isEmpty()) {
            throw c.error("tag " + id + " needs at least one resource");
        }
        return new Statement.ExtraDef(id, TAGS, new XmlElement("tag", Map.of("id", id), refs), line);
    }

    /**
     * {@code rsc_ticket ID TICKET: RSC[:ROLE] ... [loss-policy=POLICY]}: one resource is the simple form, more
     * (or brackets) are resource sets, split where the role changes, as crmsh writes them.
     */
    static Statement ticket(Cursor c, int line) {
        String id = ConfigParser.id(c, "constraint id");
        String ticket = c.nextText("TICKET:");
        if (!ticket.endsWith(":") || ticket.length() < 2) {
            throw c.errorAtPrevious("expected TICKET: after the rsc_ticket id but found '" + ticket + "'");
        }
        Map<String, String> a = new LinkedHashMap<>();
        a.put("id", id);
        a.put("ticket", ticket.substring(0, ticket.length() - 1));
        ResourceSets.Parsed p = ResourceSets.parseItems(c, id, ResourceSets.Kind.TICKET);
        List<XmlElement> sets = new ArrayList<>();
        if (p.simple()) {
            ResourceSets.Item only = p.items().get(0);
            a.put("rsc", only.id());
            if (only.suffix() != null) {
                a.put("rsc-role", only.suffix());
            }
        } else {
            for (ResourceSet s : p.sets()) {
                sets.add(resourceSet(s));
            }
        }
        a.putAll(p.attributes());
        return new Statement.ConstraintDef(new OpaqueConstraint(new XmlElement("rsc_ticket", a, sets)), line);
    }

    static XmlElement resourceSet(ResourceSet s) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("id", s.id());
        a.putAll(s.otherAttributes());
        return new XmlElement("resource_set", a, s.resources().stream()
                .map(r -> new XmlElement("resource_ref", Map.of("id", r), List.of())).toList());
    }

    /** The resource sets of a constraint kept as XML (a ticket), or null when one is not a plain set. */
    static List<ResourceSet> resourceSets(XmlElement constraint) {
        List<ResourceSet> out = new ArrayList<>();
        for (XmlElement s : constraint.children()) {
            if (!s.name().equals("resource_set") || s.id() == null) {
                return null;
            }
            List<String> refs = new ArrayList<>();
            for (XmlElement r : s.children()) {
                if (!r.name().equals("resource_ref") || r.id() == null || r.attributes().size() != 1) {
                    return null;
                }
                refs.add(r.id());
            }
            Map<String, String> attrs = new LinkedHashMap<>(s.attributes());
            attrs.remove("id");
            out.add(new ResourceSet(s.id(), null, attrs, refs));
        }
        return out;
    }
}
