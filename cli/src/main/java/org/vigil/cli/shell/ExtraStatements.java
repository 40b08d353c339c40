package org.vigil.cli.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.cib.OpaqueConstraint;
import org.vigil.cib.XmlElement;

/** Statements whose CIB form Vigil keeps as XML: fencing topology, tags, tickets. */
final class ExtraStatements {
    static final String FENCING_TOPOLOGY = "fencing-topology";
    static final String TAGS = "tags";

    private ExtraStatements() {}

    /** {@code fencing_topology NODE: dev1,dev2 dev3 NODE2: ...}: each device list is the next level. */
    static Statement fencingTopology(Cursor c, int line) {
        List<XmlElement> levels = new ArrayList<>();
        Map<String, String> target = null;
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
            } else if (s.startsWith("pattern:")) {
                target = Map.of("target-pattern", s.substring(8));
                index = 0;
            } else if (s.endsWith(":") && s.length() > 1) {
                target = Map.of("target", s.substring(0, s.length() - 1));
                index = 0;
            } else {
                if (target == null) {
                    throw c.errorAtPrevious("fencing_topology needs a target first (NODE:, attr:NAME=VALUE or "
                            + "pattern:REGEX), found '" + s + "'");
                }
                index++;
                Map<String, String> a = new LinkedHashMap<>(target);
                a.put("id", "fencing-" + (levels.size() + 1));
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

    /** {@code rsc_ticket ID TICKET: RSC[:ROLE] [loss-policy=POLICY]}. */
    static Statement ticket(Cursor c, int line) {
        String id = ConfigParser.id(c, "constraint id");
        String ticket = c.nextText("TICKET:");
        if (!ticket.endsWith(":") || ticket.length() < 2) {
            throw c.errorAtPrevious("expected TICKET: after the rsc_ticket id but found '" + ticket + "'");
        }
        Map<String, String> a = new LinkedHashMap<>();
        a.put("id", id);
        a.put("ticket", ticket.substring(0, ticket.length() - 1));
        String rsc = c.nextText("a resource");
        int colon = rsc.indexOf(':');
        if (colon > 0) {
            a.put("rsc-role", rsc.substring(colon + 1));
            rsc = rsc.substring(0, colon);
        }
        a.put("rsc", rsc);
        while (!c.atEnd()) {
            ConfigParser.Pair p = ConfigParser.pair(c);
            a.put(p.name(), p.value());
        }
        return new Statement.ConstraintDef(new OpaqueConstraint(new XmlElement("rsc_ticket", a, List.of())), line);
    }
}
