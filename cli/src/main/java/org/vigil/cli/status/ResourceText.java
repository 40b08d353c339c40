package org.vigil.cli.status;

import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.vigil.cib.Cib;
import org.vigil.scheduler.StatusReading;
import org.vigil.scheduler.StatusReading.Item;

/**
 * crm_mon's resource text for the other Pacemaker tools ({@code crm_resource -L}, {@code -O}, {@code -q}), so
 * that they print resources exactly as crm_mon does instead of a second formatter.
 */
public final class ResourceText {
    private ResourceText() {}

    /** crm_mon's "Full List of Resources:" section, inactive resources included (crm_resource -L). */
    public static String fullList(Cib cib, StatusReading st, ZoneId zone, Instant now) {
        MonOptions o = new MonOptions(EnumSet.of(MonOptions.Section.resources), true, false, false, false, false,
                List.of(), List.of());
        // crm_resource prints a primitive's state without its node (clones still list theirs)
        List<Item> items = st.resources().stream().map(ResourceText::withoutNode).toList();
        StatusReading noNodes = new StatusReading(st.properties(), st.fencingEnabled(), st.symmetric(),
                st.maintenanceMode(), st.nodes(), items, st.failedOps(), st.frozen());
        return MonText.render(cib, noNodes, o, zone, now);
    }

    private static Item withoutNode(Item r) {
        if (r.kind().equals("clone") || r.kind().equals("bundle")) {
            return r; // a bundle's replica lines name the node its container runs on
        }
        List<String> nodes = r.kind().equals("primitive") && r.nodes().size() == 1 ? List.of() : r.nodes();
        return new Item(r.id(), r.kind(), r.resourceClass(), r.provider(), r.type(), r.role(), nodes, r.failed(),
                r.managed(), r.blocked(), r.maintenance(), r.orphan(), r.failureIgnored(), r.targetRole(),
                r.unique(), r.promotable(), r.pendingTask(), r.pendingNode(), r.lockedTo(), r.description(), r.allowedNodes(), r.cloneMax(),
                r.migrationThreshold(), r.children().stream().map(ResourceText::withoutNode).toList(), null);
    }

    /**
     * pcmk__native_output_string of a primitive (or clone instance): {@code id\t(class:provider:type):\t State}
     * followed by {@code node} when given.
     */
    public static String primitiveLine(StatusReading st, Item p, String node, boolean rscOnly) {
        boolean promotable = false;
        for (Item top : st.resources()) {
            if (top.promotable() && contains(top, p)) {
                promotable = true;
            }
        }
        String line = MonResources.primitiveLine(p, node, rscOnly, promotable);
        return MonResources.printableId(st.resources(), p) + line.substring(line.indexOf('\t'));
    }

    /** The resource a history entry names (an anonymous clone's base id: its first instance), or null. */
    public static Item historyResource(StatusReading st, String historyId) {
        return MonResources.find(st.resources(), historyId);
    }

    /**
     * crm_mon's lines for one collective resource as {@code crm_resource -q} prints them before its XML: the
     * resource's entry in "Active Resources" without its own header line and without bullets or indentation.
     */
    public static List<String> collectiveLines(Cib cib, StatusReading st, String topId, ZoneId zone, Instant now) {
        MonOptions o = new MonOptions(EnumSet.of(MonOptions.Section.resources), false, false, false, false, false,
                List.of(), List.of(topId));
        List<String> lines = List.of(MonText.render(cib, st, o, zone, now).split("\n"));
        List<String> out = new java.util.ArrayList<>();
        for (int i = 2; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty()) {
                break;
            }
            out.add(l.startsWith("* ") ? l.substring(2) : l);
        }
        return out;
    }

    private static boolean contains(Item r, Item p) {
        if (r == p) {
            return true;
        }
        return r.children().stream().anyMatch(c -> contains(c, p));
    }
}
