package org.vigil.cli.compat;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.scheduler.StatusReading;
import org.vigil.scheduler.StatusReading.Item;

/**
 * The resources as the scheduler's unpack sees them (clone instances expanded), looked up as Pacemaker's
 * {@code pe_find_resource_with_flags(..., pe_find_renamed | pe_find_anon)} does for crm_resource.
 */
final class ResourceIndex {
    private final StatusReading st;
    private final Map<Item, Item> parents = new IdentityHashMap<>();

    ResourceIndex(StatusReading st) {
        this.st = st;
        for (Item top : st.resources()) {
            link(top);
        }
    }

    private void link(Item r) {
        for (Item c : r.children()) {
            parents.put(c, r);
            link(c);
        }
    }

    StatusReading reading() {
        return st;
    }

    /** An exact id ({@code rsc}, {@code rsc:1}), else an anonymous clone's base id (its first instance). */
    Item find(String id) {
        Item exact = find(st.resources(), id);
        if (exact != null) {
            return exact;
        }
        return findAnonymous(st.resources(), id);
    }

    private static Item find(List<Item> items, String id) {
        for (Item r : items) {
            if (r.id().equals(id)) {
                return r;
            }
            Item in = find(r.children(), id);
            if (in != null) {
                return in;
            }
        }
        return null;
    }

    private Item findAnonymous(List<Item> items, String id) {
        for (Item r : items) {
            Item p = parents.get(r);
            if (p != null && p.kind().equals("clone") && !p.unique() && baseId(r.id()).equals(id)
                    && !r.id().equals(id)) {
                return r;
            }
            Item in = findAnonymous(r.children(), id);
            if (in != null) {
                return in;
            }
        }
        return null;
    }

    Item parent(Item r) {
        return parents.get(r);
    }

    /** Pacemaker's uber_parent: the top-level resource {@code r} belongs to. */
    Item top(Item r) {
        Item p = r;
        while (parents.get(p) != null) {
            p = parents.get(p);
        }
        return p;
    }

    /** The clone {@code r} is an instance of (directly, or as a member of an instance group), or null. */
    Item clone(Item r) {
        for (Item p = parents.get(r); p != null; p = parents.get(p)) {
            if (p.kind().equals("clone")) {
                return p;
            }
        }
        return null;
    }

    /** The primitives and clone instances, as Pacemaker's {@code crm_resource --list-raw} lists them. */
    List<Item> leaves() {
        List<Item> out = new ArrayList<>();
        st.resources().forEach(r -> leaves(r, out));
        return out;
    }

    private static void leaves(Item r, List<Item> out) {
        if (r.kind().equals("primitive")) {
            out.add(r);
        }
        r.children().forEach(c -> leaves(c, out));
    }

    static String baseId(String id) {
        return org.vigil.cib.ResourceInstance.baseOf(id);
    }
}
