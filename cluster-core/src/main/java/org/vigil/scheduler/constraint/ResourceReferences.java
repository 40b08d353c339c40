package org.vigil.scheduler.constraint;

import java.util.ArrayList;
import java.util.List;
import org.vigil.cib.ResourceSet;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.resource.PrimitiveRsc;
import org.vigil.scheduler.resource.Rsc;

/**
 * How a constraint names resources: by id (an anonymous clone's instance stands for its clone), by template
 * (every primitive built from it) or by tag, and the members of a resource set.
 */
final class ResourceReferences {
    private ResourceReferences() {}

    /**
     * A constraint may name a resource template (it then applies to every primitive built from it) or a tag
     * (every resource or template tagged). As Pacemaker, which turns either into an unordered resource set,
     * a constraint between two of them applies to every pair.
     */
    static List<Rsc> expand(WorkingSet ws, String id) {
        Rsc r = lookup(ws, id);
        if (r != null) {
            return List.of(r);
        }
        List<Rsc> out = new ArrayList<>();
        if (id == null) {
            return out;
        }
        List<String> tagged = ws.tags.get(id);
        if (tagged != null) {
            for (String ref : tagged) {
                if (!ws.tags.containsKey(ref)) { // a tag holds resources and templates, not other tags
                    for (Rsc member : expand(ws, ref)) {
                        if (!out.contains(member)) {
                            out.add(member);
                        }
                    }
                }
            }
            return out;
        }
        for (PrimitiveRsc p : ws.primitives) {
            if (p.definition != null && id.equals(p.definition.template())) {
                Rsc mapped = lookup(ws, p.id);
                if (mapped != null && !out.contains(mapped)) {
                    out.add(mapped);
                }
            }
        }
        return out;
    }

    static Rsc lookup(WorkingSet ws, String id) {
        if (id == null) {
            return null;
        }
        Rsc r = ws.byId.get(id);
        if (r != null) {
            if (r.parent != null && r.parent.isAnonymousClone()) {
                return r.parent;
            }
            return r;
        }
        return null;
    }

    static List<Rsc> members(WorkingSet ws, ResourceSet set) {
        List<Rsc> out = new ArrayList<>();
        for (String id : set.resources()) {
            out.addAll(expand(ws, id));
        }
        return out;
    }
}
