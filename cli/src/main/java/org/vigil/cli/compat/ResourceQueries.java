package org.vigil.cli.compat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.vigil.cib.Cib;
import org.vigil.cib.LrmResource;
import org.vigil.cib.LrmRscOp;
import org.vigil.cib.NodeState;
import org.vigil.cli.status.ResourceText;
import org.vigil.scheduler.StatusReading;
import org.vigil.scheduler.StatusReading.Item;
import org.vigil.scheduler.StatusReading.NodeInfo;

/** The read-only answers of Pacemaker 2.1.5's crm_resource, worded as its text output. */
final class ResourceQueries {
    /** ctime(3): {@code Sat Dec 21 17:44:13 2013}, the day of month padded with a space. */
    private static final DateTimeFormatter CTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT);

    private final Cib cib;
    private final ResourceIndex index;
    private final ZoneId zone;
    private final Instant now;

    ResourceQueries(Cib cib, ResourceIndex index, ZoneId zone, Instant now) {
        this.cib = cib;
        this.index = index;
        this.zone = zone;
        this.now = now;
    }

    /** {@code --list-raw}: every primitive and clone instance id. */
    List<String> listRaw() {
        List<String> out = new ArrayList<>();
        for (Item top : index.reading().resources()) {
            if (top.kind().equals("bundle") && top.bundle() != null) {
                // a bundle's children: each replica's container, address and connection, then its instances
                List<Item> instances = new ArrayList<>();
                for (StatusReading.Replica r : top.bundle().replicas()) {
                    for (Item part : java.util.Arrays.asList(r.container(), r.ip(), r.remote())) {
                        if (part != null) {
                            out.add(part.id());
                        }
                    }
                    if (r.child() != null) {
                        instances.add(r.child());
                    }
                }
                instances.forEach(i -> out.add(i.id()));
            } else {
                leaves(top, out);
            }
        }
        return out;
    }

    private static void leaves(Item r, List<String> out) {
        if (r.kind().equals("primitive")) {
            out.add(r.id());
        }
        r.children().forEach(c -> leaves(c, out));
    }

    /**
     * {@code --locate} (cli_resource_search): a clone lists every instance's node, an anonymous clone's base id
     * the whole clone's (both in reverse instance order: Pacemaker prepends each instance's nodes), anything
     * else its own; {@code Promoted} follows a promoted instance of a promotable clone.
     */
    List<String> locate(Item rsc, String requested, boolean quiet) {
        List<String> out = new ArrayList<>();
        for (String[] f : located(rsc, requested)) {
            out.add(quiet ? f[0] : "resource " + requested + " is running on: " + f[0] + (f[1].isEmpty() ? ""
                    : " Promoted"));
        }
        return out;
    }

    /** {@code --locate --output-as xml}: {@code <nodes resource=...>} with a {@code <node>} per location. */
    PcmkXml locateXml(Item rsc, String requested) {
        PcmkXml x = new PcmkXml("nodes").attr("resource", requested);
        for (String[] f : located(rsc, requested)) {
            x.textChild("node", f[0]).attr("state", f[1].isEmpty() ? null : "promoted");
        }
        return x;
    }

    /** The nodes --locate names: node and "y" for a promoted instance. */
    private List<String[]> located(Item rsc, String requested) {
        List<String[]> found = new ArrayList<>(); // node, promoted flag
        Item clone = index.clone(rsc);
        if (rsc.kind().equals("clone")) {
            instances(rsc, rsc.promotable(), found);
            java.util.Collections.reverse(found); // build_node_info_list prepends
        } else if (clone != null && !clone.unique() && !requested.equals(rsc.id()) && index.parent(rsc) == clone
                && historyNames(requested)) {
            // the instance was unpacked from history recorded under the bare name (its clone_name)
            instances(clone, clone.promotable(), found);
            java.util.Collections.reverse(found);
        } else {
            for (String n : rsc.nodes().isEmpty() && !rsc.kind().equals("primitive") ? activeNodes(rsc)
                    : rsc.nodes()) {
                boolean promoted = clone != null && clone.promotable() && "Promoted".equals(rsc.role());
                found.add(new String[] {n, promoted ? "y" : ""});
            }
        }
        return found;
    }

    /** Whether some node's history records a resource under exactly {@code id}. */
    private boolean historyNames(String id) {
        for (NodeState ns : cib.status().nodeStates()) {
            if (ns.lrm() != null && ns.lrm().resources().stream().anyMatch(lr -> id.equals(lr.id()))) {
                return true;
            }
        }
        return false;
    }

    private static void instances(Item clone, boolean promotable, List<String[]> out) {
        for (Item child : clone.children()) {
            for (String n : child.kind().equals("primitive") ? child.nodes() : activeNodes(child)) {
                out.add(new String[] {n, promotable && "Promoted".equals(child.role()) ? "y" : ""});
            }
        }
    }

    /** Where a group (or other collective) is active: its members' nodes, first seen first. */
    static List<String> activeNodes(Item r) {
        List<String> out = new ArrayList<>(r.nodes());
        for (Item c : r.children()) {
            for (String n : activeNodes(c)) {
                if (!out.contains(n)) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    /** {@code --why} for one resource or (rsc null) for every top-level resource. */
    List<String> why(Item rsc, String node) {
        List<String> out = new ArrayList<>();
        if (rsc == null && node != null) {
            // the primitives running on the node, as its history lists them (offline nothing is "assigned")
            for (Item r : runningOn(node)) {
                out.add("Resource " + r.id() + " is running on host " + node);
                checks(r, out);
            }
        } else if (rsc == null) {
            for (Item r : index.reading().resources()) {
                out.add("Resource " + r.id() + " is " + (r.active() ? "" : "not ") + "running");
                checks(r, out);
            }
        } else if (node != null) {
            boolean on = activeNodes(rsc).stream().anyMatch(n -> n.equalsIgnoreCase(node));
            out.add("Resource " + rsc.id() + " is " + (on ? "" : "not ") + "running on host " + node);
            checks(rsc, out);
        } else {
            out.add("Resource " + rsc.id() + " is " + (rsc.active() ? "" : "not ") + "running");
            checks(rsc, out);
        }
        return out;
    }

    /** node->details->running_rsc: the primitives active on {@code node}, in the order of its history. */
    private List<Item> runningOn(String node) {
        List<Item> active = index.leaves().stream().filter(l -> l.nodes().stream().anyMatch(node::equalsIgnoreCase))
                .toList();
        List<Item> out = new ArrayList<>();
        for (NodeState ns : cib.status().nodeStates()) {
            if (!node.equalsIgnoreCase(ns.uname()) || ns.lrm() == null) {
                continue;
            }
            for (LrmResource lr : ns.lrm().resources()) {
                for (Item a : active) {
                    if (!out.contains(a) && (a.id().equals(lr.id()) || ResourceIndex.baseId(a.id()).equals(lr.id()))) {
                        out.add(a);
                        break;
                    }
                }
            }
        }
        active.stream().filter(a -> !out.contains(a)).forEach(out::add);
        return out;
    }

    /** cli_resource_check's findings for a resource's top-level resource. */
    record Checks(String id, boolean remainStopped, boolean unpromotable, boolean unmanaged) {}

    /** cli_resource_check: what the top-level resource's meta table (its own, then rsc_defaults) says. */
    Checks checks(Item rsc) {
        Item top = index.top(rsc);
        ResourceMeta own = ResourceMeta.of(cib.configuration(), top.id());
        java.util.Map<String, String> meta = ResourceMeta.effective(cib.configuration(), own.resource(), now);
        String role = meta.get("target-role");
        boolean stopped = false;
        boolean unpromotable = false;
        if (role != null) {
            String r = role.trim().toLowerCase(Locale.ROOT);
            stopped = r.equals("stopped");
            unpromotable = !stopped && top.promotable() && (r.equals("unpromoted") || r.equals("slave"));
        }
        String managed = meta.get("is-managed");
        return new Checks(uberParent(rsc), stopped, unpromotable,
                managed != null && !org.vigil.cib.Booleans.isTrue(managed));
    }

    private void checks(Item rsc, List<String> out) {
        Checks c = checks(rsc);
        if (c.remainStopped()) {
            out.add("Configuration specifies '" + c.id() + "' should remain stopped");
        }
        if (c.unpromotable()) {
            out.add("Configuration specifies '" + c.id() + "' should not be promoted");
        }
        if (c.unmanaged()) {
            out.add("Configuration prevents cluster from stopping or starting unmanaged '" + c.id() + "'");
        }
    }

    /** resource_check_list_xml: always a {@code <check>}, with attributes for what it found. */
    private void checks(Item rsc, PcmkXml parent) {
        Checks c = checks(rsc);
        parent.child("check").attr("id", c.id(), "remain_stopped", c.remainStopped() ? "true" : null, "promotable",
                c.unpromotable() ? "false" : null, "unmanaged", c.unmanaged() ? "true" : null);
    }

    /** {@code --why --output-as xml} (resource_reasons_list_xml). */
    PcmkXml whyXml(Item rsc, String node) {
        PcmkXml reason = new PcmkXml("reason");
        if (rsc == null && node != null) {
            PcmkXml list = reason.child("resources");
            for (Item r : runningOn(node)) {
                checks(r, list.child("resource").attr("id", r.id(), "running", "true", "host", node));
            }
        } else if (rsc == null) {
            PcmkXml list = reason.child("resources");
            for (Item r : index.reading().resources()) {
                checks(r, list.child("resource").attr("id", r.id(), "running", r.active() ? "true" : "false"));
            }
        } else if (node != null) {
            boolean on = activeNodes(rsc).stream().anyMatch(n -> n.equalsIgnoreCase(node));
            reason.attr("running_on", on ? node : null);
            checks(rsc, reason);
        } else {
            reason.attr("running", rsc.active() ? "true" : "false");
            checks(rsc, reason);
        }
        return reason;
    }

    /**
     * {@code -O}/{@code -o} (find_operations): per node in status order (online nodes, or all when fencing is
     * enabled), per resource history, operations by call id; {@code -O} keeps only those since the last start.
     */
    List<String> operations(String rscFilter, String nodeFilter, boolean activeOnly) {
        StatusReading st = index.reading();
        return ops(rscFilter, nodeFilter, activeOnly).stream().map(o -> opLine(st, o.rsc(), o.node(), o.op()))
                .toList();
    }

    /** {@code -O}/{@code -o} with {@code --output-as xml}: {@code <operations>}, or null when there are none. */
    PcmkXml operationsXml(String rscFilter, String nodeFilter, boolean activeOnly) {
        List<Op> ops = ops(rscFilter, nodeFilter, activeOnly);
        if (ops.isEmpty()) {
            return null;
        }
        PcmkXml list = new PcmkXml("operations");
        for (Op o : ops) {
            LrmRscOp op = o.op();
            String key = op.attribute("operation_key");
            PcmkXml x = list.child("operation").attr("op", key != null ? key : op.id(), "node", o.node(), "call",
                    op.callId(), "rc", op.rcCode(), "status", LrmRscOp.statusText(op.status()));
            Item rsc = ResourceText.historyResource(index.reading(), o.rsc());
            if (rsc != null) {
                String printable = anonymous(rsc) ? ResourceIndex.baseId(rsc.id()) : rsc.id();
                boolean provider = "ocf".equals(rsc.resourceClass());
                x.attr("rsc", printable, "agent", rsc.resourceClass() + ":" + (provider && rsc.provider() != null
                        ? rsc.provider() : "") + ":" + rsc.type());
            }
            if (op.lastRcChange() != null) {
                x.attr("last-rc-change", CTIME.format(Instant.ofEpochSecond(op.lastRcChangeSeconds()).atZone(zone)),
                        "exec-time", op.execTime());
            }
        }
        return list;
    }

    private record Op(String rsc, String node, LrmRscOp op) {}

    /** Whether {@code r} is an instance of an anonymous clone or bundle (rsc_printable_id gives its base id). */
    private boolean anonymous(Item r) {
        for (Item p = index.parent(r); p != null; p = index.parent(p)) {
            if ((p.kind().equals("clone") || p.kind().equals("bundle")) && !p.unique()) {
                return true;
            }
        }
        return false;
    }

    /** uber_parent's id: the top-level resource, except that a bundle's parts stop below the bundle. */
    private String uberParent(Item rsc) {
        Item top = index.top(rsc);
        if (!top.kind().equals("bundle") || top == rsc) {
            return top.id();
        }
        Item below = rsc;
        while (index.parent(below) != top) {
            below = index.parent(below);
        }
        for (StatusReading.Replica r : top.bundle().replicas()) {
            if (r.child() == below) {
                return top.id() + "-clone"; // the bundle's implicit clone of its primitive
            }
        }
        return below.id();
    }

    private List<Op> ops(String rscFilter, String nodeFilter, boolean activeOnly) {
        StatusReading st = index.reading();
        List<Op> out = new ArrayList<>();
        for (NodeState ns : cib.status().nodeStates()) {
            if (nodeFilter != null && !nodeFilter.equalsIgnoreCase(ns.uname())) {
                continue;
            }
            NodeInfo node = st.nodes().stream().filter(n -> n.name().equals(ns.uname())).findFirst().orElse(null);
            if (node == null || !(node.online() || st.fencingEnabled()) || ns.lrm() == null) {
                continue;
            }
            for (LrmResource lr : ns.lrm().resources()) {
                if (rscFilter != null && !rscFilter.equalsIgnoreCase(lr.id())) {
                    continue;
                }
                for (LrmRscOp op : ops(lr, activeOnly)) {
                    out.add(new Op(lr.id(), ns.uname(), op));
                }
            }
        }
        return out;
    }

    private static List<LrmRscOp> ops(LrmResource lr, boolean activeOnly) {
        // g_list_sort of a prepended list: call id order, equal ids in reverse document order
        List<LrmRscOp> sorted = new ArrayList<>(lr.ops());
        java.util.Collections.reverse(sorted);
        sorted.sort(Comparator.<LrmRscOp>comparingLong(o -> o.call() < 0 ? Long.MAX_VALUE : o.call())
                .thenComparingLong(o -> o.call() < 0 ? 0 : o.lastRcChangeSeconds()));
        if (!activeOnly) {
            return sorted;
        }
        int start = -1;
        int stop = -1;
        int impliedMonitor = -1;
        int impliedClone = -1;
        for (int i = 0; i < sorted.size(); i++) {
            LrmRscOp op = sorted.get(i);
            String task = op.operation();
            if (task.equals("stop") && op.status() == 0) {
                stop = i;
            } else if (task.equals("start") || task.equals("migrate_from")) {
                start = i;
            } else if (impliedMonitor <= stop && task.equals("monitor")) {
                if (op.rc() == 0 || op.rc() == 8) {
                    impliedMonitor = i;
                }
            } else if (task.equals("promote") || task.equals("demote")) {
                impliedClone = i;
            }
        }
        if (start == -1) {
            start = impliedClone != -1 ? impliedClone : impliedMonitor;
        }
        if (start < stop) {
            return List.of();
        }
        return sorted.subList(Math.max(start, 0), sorted.size());
    }

    private String opLine(StatusReading st, String rscId, String node, LrmRscOp op) {
        Item rsc = ResourceText.historyResource(st, rscId);
        String head = rsc == null ? "Unknown resource " + rscId : ResourceText.primitiveLine(st, rsc, null, true);
        String key = op.attribute("operation_key");
        String change = "";
        if (op.lastRcChange() != null) {
            String exec = op.execTime() == null ? "(null)" : op.execTime();
            change = ", last-rc-change='" + CTIME.format(Instant.ofEpochSecond(op.lastRcChangeSeconds()).atZone(zone))
                    + "', exec=" + exec + "ms";
        }
        return head + ": " + (key != null ? key : op.id()) + " (node=" + node + ", call=" + op.callId() + ", rc="
                + op.rcCode() + change + "): " + LrmRscOp.statusText(op.status());
    }
}
