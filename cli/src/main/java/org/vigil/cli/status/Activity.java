package org.vigil.cli.status;

import java.util.HashMap;
import java.util.Map;
import org.vigil.scheduler.StatusReading;
import org.vigil.scheduler.StatusReading.Item;
import org.vigil.scheduler.StatusReading.NodeInfo;

/**
 * Whether a resource counts as active for the displays, as Pacemaker's {@code fns->active} says: a primitive is
 * active on a node that is unclean or online; one left on a node that is cleanly offline (a guest whose
 * container stopped) is not, unless it is unmanaged. {@code all}: every part active (a group, clone or bundle);
 * otherwise any.
 */
final class Activity {
    private final Map<String, NodeInfo> nodes = new HashMap<>();

    Activity(StatusReading st) {
        st.nodes().forEach(n -> nodes.put(n.name(), n));
    }

    boolean active(Item r, boolean all) {
        return switch (r.kind()) {
            case "primitive" -> primitive(r);
            case "group" -> group(r, all);
            default -> collective(r, all); // clones and bundles
        };
    }

    /** native_active. */
    private boolean primitive(Item p) {
        for (String name : p.nodes()) {
            NodeInfo n = nodes.get(name);
            if (n == null || n.unclean() || n.online() || !p.managed()) {
                return true;
            }
        }
        return false;
    }

    /** group_active: none active is inactive; with {@code all}, one inactive member is too. */
    private boolean group(Item g, boolean all) {
        boolean any = false;
        boolean every = true;
        for (Item c : g.children()) {
            if (active(c, all)) {
                any = true;
            } else {
                every = false;
            }
        }
        return any && (!all || every);
    }

    /** clone_active and pe__bundle_active: the first part that decides it; none decides: {@code all}. */
    private boolean collective(Item r, boolean all) {
        for (Item c : r.children()) {
            boolean a = active(c, all);
            if (!all && a) {
                return true;
            }
            if (all && !a) {
                return false;
            }
        }
        return all;
    }
}
