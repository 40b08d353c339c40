package org.vigil.cli.status;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.vigil.cib.Cib;
import org.vigil.scheduler.StatusReading;

/**
 * crm_mon's resource XML for the other Pacemaker tools ({@code crm_resource -L} and {@code -q} with
 * {@code --output-as xml}), cut out of crm_mon's own document so that they print resources exactly as crm_mon does.
 */
public final class ResourceXml {
    private ResourceXml() {}

    /** The {@code <resources>} element of crm_mon's XML, inactive resources included; empty without resources. */
    public static List<String> list(Cib cib, StatusReading st, ZoneId zone, Instant now) {
        return section(render(cib, st, List.of(), zone, now), "resources");
    }

    /**
     * The element crm_mon writes for the resource {@code id} (a member, an instance {@code rsc:N}, or a whole
     * collective resource) when asked for it alone; empty when it shows nothing.
     */
    public static List<String> one(Cib cib, StatusReading st, String id, ZoneId zone, Instant now) {
        List<String> lines = section(render(cib, st, List.of(id), zone, now), "resources");
        String base = id.contains(":") ? id.substring(0, id.lastIndexOf(':')) : id;
        for (String wanted : List.of(id, base)) {
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i).stripLeading();
                if (l.matches("<(resource|group|clone|bundle) id=\"" + java.util.regex.Pattern.quote(wanted) + "\".*")) {
                    return element(lines, i);
                }
            }
        }
        return List.of();
    }

    private static String render(Cib cib, StatusReading st, List<String> only, ZoneId zone, Instant now) {
        MonOptions o = new MonOptions(EnumSet.of(MonOptions.Section.resources), true, false, false, false, false,
                List.of(), only);
        return MonXml.render(cib, st, o, zone, now, null, "");
    }

    private static List<String> section(String doc, String name) {
        List<String> lines = List.of(doc.split("\n"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).stripLeading().startsWith("<" + name + ">")
                    || lines.get(i).stripLeading().startsWith("<" + name + "/>")) {
                return element(lines, i);
            }
        }
        return List.of();
    }

    /** The element starting at line {@code start}: that line alone when it closes itself, else up to its end tag. */
    private static List<String> element(List<String> lines, int start) {
        String first = lines.get(start);
        List<String> out = new ArrayList<>(List.of(first));
        if (first.endsWith("/>")) {
            return out;
        }
        int indent = first.length() - first.stripLeading().length();
        for (int i = start + 1; i < lines.size(); i++) {
            String l = lines.get(i);
            out.add(l);
            if (l.length() - l.stripLeading().length() == indent && l.stripLeading().startsWith("</")) {
                break;
            }
        }
        return out;
    }
}
