package org.vigil.cli.compat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.cib.NvPair;
import org.vigil.cib.NvSet;
import org.vigil.cib.Status;
import org.vigil.cib.XmlElement;

/**
 * The attribute sets {@code crm_attribute -t tickets} reads and writes: {@code instance_attributes} under the
 * status section's {@code tickets} element (which the CIB model keeps as verbatim XML).
 */
final class TicketAttributes {
    private TicketAttributes() {}

    static List<NvSet> sets(Status status) {
        List<NvSet> out = new ArrayList<>();
        for (XmlElement tickets : status.extras()) {
            if (!tickets.name().equals("tickets")) {
                continue;
            }
            for (XmlElement set : tickets.children("instance_attributes")) {
                List<NvPair> pairs = new ArrayList<>();
                for (XmlElement p : set.children("nvpair")) {
                    pairs.add(NvPair.of(p.attribute("id"), p.attribute("name"), p.attribute("value")));
                }
                out.add(NvSet.of(set.id(), pairs));
            }
        }
        return out;
    }

    /** {@code status} with the tickets' attribute sets replaced by {@code sets} (ticket states kept). */
    static Status withSets(Status status, List<NvSet> sets) {
        List<XmlElement> setElements = new ArrayList<>();
        for (NvSet s : sets) {
            List<XmlElement> pairs = new ArrayList<>();
            for (NvPair p : s.pairs()) {
                Map<String, String> a = new LinkedHashMap<>();
                a.put("id", p.id());
                a.put("name", p.name());
                a.put("value", p.value());
                pairs.add(new XmlElement("nvpair", a, List.of()));
            }
            setElements.add(new XmlElement("instance_attributes", Map.of("id", s.id()), pairs));
        }
        List<XmlElement> extras = new ArrayList<>();
        boolean replaced = false;
        for (XmlElement e : status.extras()) {
            if (e.name().equals("tickets") && !replaced) {
                List<XmlElement> kids = new ArrayList<>(e.children().stream()
                        .filter(k -> !k.name().equals("instance_attributes")).toList());
                kids.addAll(setElements);
                extras.add(e.withChildren(kids));
                replaced = true;
            } else {
                extras.add(e);
            }
        }
        if (!replaced) {
            extras.add(new XmlElement("tickets", Map.of(), setElements));
        }
        return new Status(status.nodeStates(), extras);
    }
}
