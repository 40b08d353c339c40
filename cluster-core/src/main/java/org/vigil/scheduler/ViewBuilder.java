package org.vigil.scheduler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.vigil.scheduler.node.SchedNode;
import org.vigil.scheduler.resource.BundleRsc;
import org.vigil.scheduler.resource.CloneRsc;
import org.vigil.scheduler.resource.PrimitiveRsc;
import org.vigil.scheduler.resource.Rsc;

/** Builds the current and revised {@link ClusterView} from a finished working set. */
final class ViewBuilder {
    private ViewBuilder() {}

    static ClusterView current(WorkingSet ws) {
        List<ClusterView.NodeLine> nodes = new ArrayList<>();
        for (SchedNode n : ws.nodes) {
            nodes.add(new ClusterView.NodeLine(n.uname, nodeState(n, false)));
        }
        return new ClusterView(nodes, resources(ws, false));
    }

    static ClusterView revised(WorkingSet ws) {
        List<ClusterView.NodeLine> nodes = new ArrayList<>();
        for (SchedNode n : ws.nodes) {
            nodes.add(new ClusterView.NodeLine(n.uname, nodeState(n, ws.fenceActions.containsKey(n))));
        }
        return new ClusterView(nodes, resources(ws, true));
    }

    private static String nodeState(SchedNode n, boolean fenced) {
        if (fenced) {
            return "offline";
        }
        if (n.unclean) {
            return n.online ? "UNCLEAN (online)" : "UNCLEAN (offline)";
        }
        if (!n.online) {
            return "offline";
        }
        if (n.pending) {
            return "pending";
        }
        if (n.maintenance) {
            return "maintenance";
        }
        if (n.standby) {
            return "standby";
        }
        return "online";
    }

    private static List<ClusterView.ResourceView> resources(WorkingSet ws, boolean revised) {
        List<Rsc> top = new ArrayList<>(ws.resources);
        top.sort(Comparator.comparingInt(r -> r.configOrder));
        List<ClusterView.ResourceView> out = new ArrayList<>();
        for (Rsc r : top) {
            if (r.orphan && r.runningOn.isEmpty() || r instanceof CloneRsc c && c.bundle != null) {
                continue; // a bundle's clone is shown within the bundle
            }
            out.add(r instanceof BundleRsc b ? BundleView.of(ws, b, revised) : view(ws, r, revised));
        }
        return out;
    }

    static ClusterView.ResourceView view(WorkingSet ws, Rsc r, boolean revised) {
        boolean disabled = "stopped".equalsIgnoreCase(String.valueOf(r.meta.get("target-role")));
        if (r instanceof PrimitiveRsc p) {
            List<String> nodes = new ArrayList<>();
            Role role;
            boolean failed = p.failed;
            if (!revised) {
                p.runningOn.forEach(n -> nodes.add(n.uname));
                role = p.role;
            } else {
                role = revisedRole(p, nodes);
                if (!nodes.isEmpty() && p.findAction("start", null) != null
                        && isDone(p.findAction("start", p.assignedTo))) {
                    failed = false;
                }
                if (nodes.isEmpty()) {
                    failed = false;
                }
            }
            return new ClusterView.ResourceView(p.id, "primitive", p.agent(), role.text(), nodes, failed, p.managed,
                    false, false, p.orphan, disabled, List.of());
        }
        List<ClusterView.ResourceView> kids = new ArrayList<>();
        List<Rsc> children = new ArrayList<>(r.children);
        if (r.isClone()) {
            children.sort(Comparator.comparingInt(CloneRsc::instanceNumber));
        }
        for (Rsc c : children) {
            if (c.orphan && c.runningOn.isEmpty()) {
                continue;
            }
            kids.add(view(ws, c, revised));
        }
        boolean unique = r instanceof CloneRsc c && c.unique;
        boolean promotable = r.isPromotableClone();
        return new ClusterView.ResourceView(r.id, r.isClone() ? "clone" : "group", null, r.role.text(),
                List.of(), false, r.managed, unique, promotable, false, disabled, kids);
    }

    private static boolean isDone(Action a) {
        return a != null && !a.optional && a.runnable;
    }

    /** Where the primitive is once every runnable required action has succeeded. */
    private static Role revisedRole(PrimitiveRsc p, List<String> nodes) {
        Role role = p.role;
        List<SchedNode> where = new ArrayList<>(p.runningOn);
        for (Action a : p.actions) {
            if (a.intervalMs != 0 || !isDone(a) || a.node == null) {
                continue;
            }
            switch (a.task) {
                case "stop" -> where.remove(a.node);
                default -> { }
            }
        }
        boolean promotable = p.top().isPromotableClone();
        for (Action a : p.actions) {
            if (a.intervalMs != 0 || !isDone(a) || a.node == null) {
                continue;
            }
            switch (a.task) {
                case "start" -> {
                    if (!where.contains(a.node)) {
                        where.add(a.node);
                    }
                    role = promotable ? Role.UNPROMOTED : Role.STARTED;
                }
                case "migrate_from" -> {
                    where.clear();
                    where.add(a.node);
                    role = Role.STARTED;
                }
                default -> { }
            }
        }
        for (Action a : p.actions) {
            if (a.intervalMs != 0 || !isDone(a) || a.node == null) {
                continue;
            }
            if (a.task.equals("demote")) {
                role = Role.UNPROMOTED;
            }
        }
        for (Action a : p.actions) {
            if (a.intervalMs != 0 || !isDone(a) || a.node == null) {
                continue;
            }
            if (a.task.equals("promote") && where.contains(a.node)) {
                role = Role.PROMOTED;
            }
        }
        if (where.isEmpty()) {
            return Role.STOPPED;
        }
        if (role == Role.STOPPED) {
            role = promotable ? Role.UNPROMOTED : Role.STARTED;
        }
        where.forEach(n -> nodes.add(n.uname));
        return role;
    }
}
