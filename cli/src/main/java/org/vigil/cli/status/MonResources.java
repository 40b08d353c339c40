package org.vigil.cli.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.vigil.agents.OcfStatus;
import org.vigil.cib.LrmRscOp;
import org.vigil.scheduler.StatusReading;
import org.vigil.scheduler.StatusReading.Item;
import org.vigil.scheduler.StatusReading.NodeInfo;

/** crm_mon's resource lines: primitives, groups and clones as Pacemaker 2.1.5 prints them in text. */
final class MonResources {
    private final StatusReading st;
    private final MonOptions o;
    private final Activity activity;

    MonResources(StatusReading st, MonOptions o) {
        this.st = st;
        this.o = o;
        this.activity = new Activity(st);
    }

    private static String bullet(int depth, String text) {
        return "  ".repeat(depth) + "* " + text;
    }

    List<String> render(Item r, int depth) {
        List<String> out = new ArrayList<>();
        if (!anyShown(r) || hiddenByNode(r)) {
            return out;
        }
        switch (r.kind()) {
            case "primitive" -> {
                if (shown(r) && (o.detail() || !internal(st, r))) {
                    out.add(bullet(depth, primitive(r, false, false, depth)));
                }
            }
            case "group" -> group(r, depth, out, false, false);
            case "bundle" -> bundle(r, depth, out);
            default -> clone(r, depth, out);
        }
        return out;
    }

    /**
     * Pacemaker's brief list of primitives: per agent, how many are active on each node out of how many there are
     * ({@code 2/3\t(ocf:heartbeat:Dummy):\tActive node1}); with -r also the agents active nowhere.
     */
    List<String> brief(List<Item> primitives) {
        return brief(primitives, o.inactive());
    }

    /** @param totals also "/M" (how many there are) and the agents active nowhere: with -r, and inside groups */
    List<String> brief(List<Item> primitives, boolean totals) {
        Map<String, Integer> total = new TreeMap<>();
        Map<String, Map<String, Integer>> active = new java.util.HashMap<>();
        for (Item p : primitives) {
            // get_rscs_brief: every primitive counts, an inactive orphan too (but for an orphan instance of a
            // configured clone, which Pacemaker keeps inside the clone); it is active on the nodes that are online
            // or unclean (any node, when unmanaged)
            if (p.orphan() && p.nodes().isEmpty() && cloneMember(baseId(p.id()))) {
                continue;
            }
            String agent = p.resourceClass() + (p.provider() == null ? "" : ":" + p.provider()) + ":" + p.type();
            total.merge(agent, 1, Integer::sum);
            for (String n : p.nodes()) {
                NodeInfo info = node(n);
                if (info != null && !info.unclean() && !info.online() && p.managed()) {
                    continue;
                }
                active.computeIfAbsent(n, k -> new java.util.HashMap<>()).merge(agent, 1, Integer::sum);
            }
        }
        List<String> lines = new ArrayList<>();
        total.forEach((agent, count) -> {
            boolean anywhere = false;
            for (StatusReading.NodeInfo n : sortedNodes()) {
                int c = active.getOrDefault(n.name(), Map.of()).getOrDefault(agent, 0);
                if (c > 0) {
                    lines.add(c + (totals ? "/" + count : "") + "\t(" + agent + "):\tActive " + n.name());
                    anywhere = true;
                }
            }
            if (!anywhere && totals) {
                lines.add("0/" + count + "\t(" + agent + "):\tActive");
            }
        });
        return lines;
    }

    private List<StatusReading.NodeInfo> sortedNodes() {
        List<StatusReading.NodeInfo> nodes = new ArrayList<>(st.nodes());
        nodes.sort((a, b) -> MonFormat.compareNames(a.name(), b.name()));
        return nodes;
    }

    /** --resource: the item or something inside it is asked for. */
    private boolean anyShown(Item r) {
        return shown(r) || r.children().stream().anyMatch(this::anyShown);
    }

    /** --node: Pacemaker hides what is active but on none of the nodes asked for (inactive ones stay, with -r). */
    private boolean hiddenByNode(Item r) {
        if (o.onlyNodes().isEmpty() || !activity.active(r, false)) {
            return false;
        }
        return !activeNodes(r).stream().anyMatch(o::nodeShown);
    }

    private static List<String> activeNodes(Item r) {
        List<String> nodes = new ArrayList<>(r.nodes());
        r.children().forEach(c -> nodes.addAll(activeNodes(c)));
        return nodes;
    }

    private boolean shown(Item r) {
        return o.onlyResources().isEmpty() || o.onlyResources().contains(r.id())
                || o.onlyResources().contains(baseId(r.id()));
    }

    private String primitive(Item p, boolean anonymousInstance, boolean promotable, int depth) {
        // active nowhere: the node an operation is pending on (Pacemaker's pending_node)
        String node = p.nodes().size() == 1 ? p.nodes().get(0)
                : p.nodes().isEmpty() ? (p.pendingNode() != null ? p.pendingNode() : p.lockedTo()) : null;
        return line(p, anonymousInstance ? baseId(p.id()) : p.id(), node, false, promotable, st);
    }

    /** A primitive's line for -n (no node: the node heads the list). */
    static String primitiveLine(Item p, String node, boolean rscOnly, boolean promotable) {
        return line(p, p.id().contains(":") && !p.id().equals(baseId(p.id())) ? baseId(p.id()) : p.id(), node,
                rscOnly, promotable, null);
    }

    /** pcmk__native_output_string. */
    private static String line(Item p, String name, String node, boolean rscOnly, boolean promotable,
            StatusReading st) {
        StringBuilder sb = new StringBuilder(name).append("\t(").append(p.resourceClass() == null ? "unknown"
                : p.resourceClass());
        if (p.provider() != null && "ocf".equals(p.resourceClass())) {
            sb.append(':').append(p.provider());
        }
        sb.append(':').append(p.type() == null ? "unknown" : p.type()).append("):\t");
        if (rscOnly || p.nodes().size() > 1) {
            node = null;
        }
        if (p.orphan()) {
            sb.append(" ORPHANED");
        }
        if (p.failed()) {
            sb.append(" FAILED");
            if (p.role().equals("Promoted")) {
                sb.append(" Promoted");
            }
        } else {
            String pending = pendingState(p.pendingTask());
            sb.append(' ').append(pending != null ? pending : p.role());
        }
        if (node != null) {
            sb.append(' ').append(node);
        }
        if (p.role().equals("Stopped") && st != null) {
            LrmRscOp probe = failedProbe(st, p, node);
            if (probe != null) {
                sb.append(" (").append(OcfStatus.text(probe.rc())).append(") ");
            }
        }
        List<String> flags = new ArrayList<>();
        if (node != null && st != null) {
            String n = node;
            st.nodes().stream().filter(x -> x.name().equals(n) && !x.online() && x.unclean()).findFirst()
                    .ifPresent(x -> flags.add("UNCLEAN"));
        }
        if (node != null && node.equals(p.lockedTo())) {
            flags.add("LOCKED");
        }
        if ("monitor".equals(p.pendingTask())) {
            flags.add("Monitoring");
        }
        if (p.targetRole() != null) {
            String t = p.targetRole().trim().toLowerCase(java.util.Locale.ROOT);
            if (t.equals("stopped")) {
                flags.add("disabled");
            } else if (promotable && (t.equals("unpromoted") || t.equals("slave"))) {
                flags.add("target-role:" + p.targetRole());
            }
        }
        if (p.blocked()) {
            flags.add("blocked");
        } else if (p.maintenance()) {
            flags.add("maintenance");
        } else if (!p.managed()) {
            flags.add("unmanaged");
        }
        if (p.failureIgnored()) {
            flags.add("failure ignored");
        }
        if (!flags.isEmpty()) {
            sb.append(" (").append(String.join(", ", flags)).append(')');
        }
        if (rscOnly && p.description() != null) { // 2.1.5 shows it with -n only
            sb.append(' ').append(p.description());
        }
        if (!rscOnly && p.nodes().size() > 1) {
            sb.append(" [ ").append(String.join(" ", p.nodes())).append(" ]");
        }
        return sb.toString();
    }

    /**
     * A guest node's connection (a bundle replica's, or the one a {@code remote-node} meta attribute makes):
     * Pacemaker adds it to the configuration as an internal resource, which text output shows only with
     * --show-detail.
     */
    static boolean internal(StatusReading st, Item p) {
        return p.kind().equals("primitive") && "ocf".equals(p.resourceClass()) && "pacemaker".equals(p.provider())
                && "remote".equals(p.type())
                && st.nodes().stream().anyMatch(n -> "guest".equals(n.kind()) && n.name().equals(p.id()));
    }

    static String pendingState(String task) {
        if (task == null) {
            return null;
        }
        return switch (task) {
            case "start" -> "Starting";
            case "stop" -> "Stopping";
            case "migrate_to", "migrate_from" -> "Migrating";
            case "promote" -> "Promoting";
            case "demote" -> "Demoting";
            default -> null;
        };
    }

    /** pe__failed_probe_for_rsc: a masked failed probe of this resource (on {@code node}, or anywhere). */
    static LrmRscOp failedProbe(StatusReading st, Item rsc, String node) {
        String id = baseId(rsc.id());
        for (StatusReading.FailedOp f : st.failedOps()) {
            if (!MonFormat.maskedProbeFailure(f.op())) {
                continue;
            }
            if (node != null && !node.equalsIgnoreCase(f.node())) {
                continue;
            }
            MonFormat.OpKey key = MonFormat.OpKey.parse(f.operationKey());
            if (key != null && (key.resource().equals(rsc.id()) || key.resource().equals(id))) {
                return f.op();
            }
        }
        return null;
    }

    static String baseId(String id) {
        return org.vigil.cib.ResourceInstance.baseOf(id);
    }

    // ---- groups -------------------------------------------------------------------------------------------

    /** @param cloneShown the clone around the group was asked for by --resource: all of it is shown */
    private void group(Item g, int depth, List<String> out, boolean inAnonymousClone, boolean cloneShown) {
        boolean active = activity.active(g, true);
        boolean partially = activity.active(g, false);
        int inactive = 0;
        for (Item c : g.children()) {
            if (!activity.active(c, true)) {
                inactive++;
            }
        }
        List<String> attrs = new ArrayList<>();
        if (!active && partially && inactive > 0 && !o.inactive()) {
            attrs.add(inactive + " member" + (inactive == 1 ? "" : "s") + " inactive");
        }
        if (MonText.disabled(g.targetRole(), false)) {
            attrs.add("disabled");
        }
        if (g.maintenance()) {
            attrs.add("maintenance");
        } else if (!g.managed()) {
            attrs.add("unmanaged");
        }
        List<String> body = new ArrayList<>();
        boolean everything = cloneShown || shown(g); // the group itself asked for: all its members
        if (o.brief() && !o.groupByNode()) {
            brief(g.children().stream().filter(c -> everything || shown(c)).toList(), true)
                    .forEach(l -> body.add(bullet(depth + 1, l)));
        }
        for (Item c : o.brief() && !o.groupByNode() ? List.<Item>of() : g.children()) {
            if (!o.inactive() && !activity.active(c, false)) {
                continue;
            }
            if (!everything && !shown(c) || hiddenByNode(c)) {
                continue;
            }
            body.add(bullet(depth + 1, primitive(c, inAnonymousClone, false, depth + 1)));
        }
        if (body.isEmpty()) {
            return;
        }
        out.add(bullet(depth, "Resource Group: " + g.id() + (attrs.isEmpty() ? "" : " (" + String.join(", ", attrs)
                + ")") + ":"));
        out.addAll(body);
    }

    // ---- bundles ------------------------------------------------------------------------------------------

    /**
     * Pacemaker's pe__bundle_text: {@code Container bundle set: NAME [IMAGE]:}, then per replica one line named
     * after its connection (or container) and address, showing the primitive inside (or the container) on the
     * node the container runs on; with --show-detail (or when --resource asks for parts only) each replica's
     * parts on their own lines.
     */
    private void bundle(Item b, int depth, List<String> out) {
        StatusReading.Bundle info = b.bundle();
        boolean everything = shown(b);
        boolean header = false;
        boolean anonymous = !info.unique();
        for (StatusReading.Replica r : info.replicas()) {
            if (hiddenByNode(r.container())) {
                continue;
            }
            List<Item> parts = new ArrayList<>();
            for (Item part : java.util.Arrays.asList(r.ip(), r.child(), r.container(), r.remote())) {
                if (part != null && (everything || shown(part))) {
                    parts.add(part);
                }
            }
            if (!everything && parts.isEmpty()) {
                continue;
            }
            if (!header) {
                header = true;
                out.add(bullet(depth, "Container bundle" + (info.replicas().size() > 1 ? " set" : "") + ": " + b.id()
                        + " [" + info.image() + "]" + (info.unique() ? " (unique)" : "")
                        + (b.managed() ? "" : " (unmanaged)") + ":"));
            }
            if (o.detail() || !everything) {
                if (info.replicas().size() > 1) {
                    out.add(bullet(depth + 1, "Replica[" + r.offset() + "]"));
                }
                for (Item part : parts) {
                    out.add(bullet(depth + 2, primitive(part, part == r.child() && anonymous, false, depth + 2)));
                }
                continue;
            }
            Item shown = r.child() != null ? r.child() : r.container();
            String name = (r.remote() != null ? r.remote().id() : r.container().id())
                    + (r.address() != null ? " (" + r.address() + ")" : "");
            String node = r.container().nodes().isEmpty() ? null : r.container().nodes().get(0);
            if (node == null) {
                node = shown.lockedTo();
            }
            out.add(bullet(depth + 1, line(shown, name, node, false, false, st)));
        }
    }

    // ---- clones -------------------------------------------------------------------------------------------

    private void clone(Item c, int depth, List<String> out) {
        List<String> body = new ArrayList<>();
        List<String> promoted = new ArrayList<>();
        List<String> started = new ArrayList<>();
        Map<String, String> stopped = null;
        boolean detail = o.detail();
        for (Item child : c.children()) {
            if (hiddenByNode(child)) {
                continue; // pcmk__rsc_filtered_by_node: active, but on none of the nodes asked for
            }
            boolean partially = activity.active(child, false);
            boolean printFull = detail;
            if (c.unique()) {
                if (partially || !child.orphan()) {
                    printFull = true;
                }
            } else if (child.pendingTask() != null) {
                printFull = true;
            } else if (!partially) {
                if (!child.orphan() && !detail && o.inactive()) {
                    if (stopped == null) {
                        stopped = new TreeMap<>();
                    }
                    stopped.put(child.id(), "Stopped");
                }
            } else if (anyRecursive(child, Flag.ORPHAN) || !allRecursive(child, Flag.MANAGED)
                    || anyRecursive(child, Flag.FAILED)) {
                printFull = true;
            } else if (activity.active(child, true)) {
                String location = location(child);
                if (location != null) {
                    NodeInfo n = node(location);
                    if (n != null && !n.online() && n.unclean()) {
                        printFull = true;
                    } else if (child.role().equals("Promoted")) {
                        promoted.add(location);
                    } else {
                        started.add(location);
                    }
                } else {
                    printFull = true;
                }
            } else {
                printFull = true;
            }
            if (printFull) {
                if (child.kind().equals("group")) {
                    group(child, depth + 1, body, !c.unique(), shown(c));
                } else {
                    body.add(bullet(depth + 1, primitive(child, !c.unique(), c.promotable(), depth + 1)));
                }
            }
        }
        if (!detail) {
            promoted.sort(MonFormat::compareNames);
            started.sort(MonFormat::compareNames);
            List<String> shownPromoted = promoted.stream().filter(o::nodeShown).toList();
            List<String> shownStarted = started.stream().filter(o::nodeShown).toList();
            if (!shownPromoted.isEmpty()) {
                body.add(bullet(depth + 1, "Promoted: [ " + String.join(" ", shownPromoted) + " ]"));
            }
            if (!shownStarted.isEmpty()) {
                String label = !c.promotable() ? "Started"
                        : MonText.disabled(c.targetRole(), true) && !"stopped".equalsIgnoreCase(c.targetRole())
                                ? "Unpromoted (target-role)" : "Unpromoted";
                body.add(bullet(depth + 1, label + ": [ " + String.join(" ", shownStarted) + " ]"));
            }
            int activeInstances = shownPromoted.size() + shownStarted.size();
            if (o.inactive()) {
                if (!c.unique() && c.cloneMax() > activeInstances) {
                    stopped = new TreeMap<>(MonFormat::compareNames);
                    List<String> running = new ArrayList<>();
                    for (Item child : c.children()) {
                        running.addAll(parentRunningOn(child));
                    }
                    for (String n : c.allowedNodes()) {
                        if (running.contains(n) || !o.nodeShown(n)) {
                            continue;
                        }
                        LrmRscOp probe = failedProbe(st, c.children().isEmpty() ? c : c.children().get(0), n);
                        String state = "Stopped";
                        if ("stopped".equalsIgnoreCase(c.targetRole())) {
                            state = "Stopped (disabled)";
                        }
                        stopped.put(n, probe != null ? "Stopped (" + OcfStatus.text(probe.rc()) + ")" : state);
                    }
                }
                if (stopped != null && !stopped.isEmpty()) {
                    Map<String, List<String>> byState = new TreeMap<>();
                    for (Map.Entry<String, String> e : stopped.entrySet()) {
                        byState.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(e.getKey());
                    }
                    byState.forEach((state, nodes) -> body.add(bullet(depth + 1, state + ": [ "
                            + String.join(" ", nodes) + " ]")));
                } else if (activeInstances == 0 && body.isEmpty()) {
                    out.add(bullet(depth, cloneHeader(c)));
                    return;
                }
            }
        }
        if (!body.isEmpty()) {
            out.add(bullet(depth, cloneHeader(c)));
            out.addAll(body);
        }
    }

    private static String cloneHeader(Item c) {
        List<String> attrs = new ArrayList<>();
        if (c.promotable()) {
            attrs.add("promotable");
        }
        if (c.unique()) {
            attrs.add("unique");
        }
        if (MonText.disabled(c.targetRole(), c.promotable())) {
            attrs.add("disabled");
        }
        if (c.maintenance()) {
            attrs.add("maintenance");
        } else if (!c.managed()) {
            attrs.add("unmanaged");
        }
        String child = c.children().isEmpty() ? c.id() : baseId(c.children().get(0).id());
        return "Clone Set: " + c.id() + " [" + child + "]" + (attrs.isEmpty() ? "" : " (" + String.join(", ", attrs)
                + ")") + ":";
    }

    private enum Flag { ORPHAN, MANAGED, FAILED }

    private static boolean has(Item r, Flag f) {
        return switch (f) {
            case ORPHAN -> r.orphan();
            case MANAGED -> r.managed();
            case FAILED -> r.failed();
        };
    }

    private static boolean anyRecursive(Item r, Flag f) {
        if (has(r, f)) {
            return true;
        }
        return r.children().stream().anyMatch(c -> anyRecursive(c, f));
    }

    private static boolean allRecursive(Item r, Flag f) {
        if (!has(r, f)) {
            return false;
        }
        return r.children().stream().allMatch(c -> allRecursive(c, f));
    }

    /** The single node a (collective) instance is active on, or null when on none or several. */
    private static String location(Item r) {
        List<String> nodes = allNodes(r);
        return nodes.size() == 1 ? nodes.get(0) : null;
    }

    private static List<String> allNodes(Item r) {
        List<String> out = new ArrayList<>();
        if (r.kind().equals("primitive")) {
            out.addAll(r.nodes());
        } else {
            for (Item c : r.children()) {
                for (String n : allNodes(c)) {
                    if (!out.contains(n)) {
                        out.add(n);
                    }
                }
            }
        }
        return out;
    }

    /** Whether a configured clone holds a primitive of this (base) id. */
    private boolean cloneMember(String base) {
        for (Item top : st.resources()) {
            if (top.kind().equals("clone") && containsBase(top, base)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsBase(Item r, String base) {
        if (r.kind().equals("primitive")) {
            return baseId(r.id()).equals(base);
        }
        return r.children().stream().anyMatch(c -> containsBase(c, base));
    }

    /**
     * The nodes a resource's parents count it running on (native_add_running): every node of a managed primitive,
     * but only the online ones of an unmanaged primitive.
     */
    private List<String> parentRunningOn(Item r) {
        List<String> out = new ArrayList<>();
        if (r.kind().equals("primitive")) {
            for (String n : r.nodes()) {
                NodeInfo info = node(n);
                if (r.managed() || info == null || info.online()) {
                    out.add(n);
                }
            }
        } else {
            r.children().forEach(c -> out.addAll(parentRunningOn(c)));
        }
        return out;
    }

    private NodeInfo node(String name) {
        return st.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElse(null);
    }

    // ---- lookups ------------------------------------------------------------------------------------------

    /** The resource a history entry belongs to: by id, else the first instance of its clone. */
    static Item find(List<Item> resources, String historyId) {
        Item exact = findExact(resources, historyId);
        if (exact != null) {
            return exact;
        }
        return findExact(resources, baseId(historyId) + ":0");
    }

    private static Item findExact(List<Item> resources, String id) {
        for (Item r : resources) {
            if (r.id().equals(id)) {
                return r;
            }
            Item in = findExact(r.children(), id);
            if (in != null) {
                return in;
            }
        }
        return null;
    }

    /** rsc_printable_id: an anonymous clone instance goes by its base id. */
    static String printableId(List<Item> resources, Item rsc) {
        for (Item r : resources) {
            Item parent = parentClone(r, rsc, null);
            if (parent != null) {
                return parent.unique() ? rsc.id() : baseId(rsc.id());
            }
        }
        return rsc.id();
    }

    private static Item parentClone(Item r, Item target, Item clone) {
        Item c = r.kind().equals("clone") || r.kind().equals("bundle") ? r : clone;
        if (r == target) {
            return clone;
        }
        for (Item k : r.children()) {
            Item found = parentClone(k, target, c);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
