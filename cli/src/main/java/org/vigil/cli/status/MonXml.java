package org.vigil.cli.status;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vigil.agents.OcfStatus;
import org.vigil.cib.Cib;
import org.vigil.cib.LrmRscOp;
import org.vigil.cli.status.MonOptions.Section;
import org.vigil.scheduler.StatusReading;
import org.vigil.scheduler.StatusReading.Item;
import org.vigil.scheduler.StatusReading.NodeInfo;

/**
 * crm_mon's XML (Pacemaker 2.1.5, API 2.25: {@code --output-as xml}, or the legacy {@code <crm_mon>} document of
 * {@code -X}) from one {@link StatusReading}; the sections and what they select are {@link MonText}'s.
 */
final class MonXml {
    /** The API version of Pacemaker 2.1.5's formatted output. */
    static final String API_VERSION = "2.25";
    /** The version the legacy document names. */
    static final String LEGACY_VERSION = "2.1.5";

    /** What a live cluster says instead of the CIB: stack, DC version and quorum (null offline). */
    record Live(String stack, String dcVersion, boolean quorate) {}

    private final Cib cib;
    private final StatusReading st;
    private final MonOptions o;
    private final ZoneId zone;
    private final Instant now;
    private final MonText text;
    private final Live live;
    private final Activity activity;

    private MonXml(Cib cib, StatusReading st, MonOptions o, ZoneId zone, Instant now, Live live) {
        this.cib = cib;
        this.st = st;
        this.activity = new Activity(st);
        this.o = o;
        this.zone = zone;
        this.now = now;
        this.live = live;
        this.text = new MonText(cib, st, o, zone, now);
    }

    /** @param request the command line, as Pacemaker records it; null for the legacy {@code <crm_mon>} document */
    static String render(Cib cib, StatusReading st, MonOptions o, ZoneId zone, Instant now, Live live,
            String request) {
        MonXml x = new MonXml(cib, st, o, zone, now, live);
        XmlOut root = request == null ? new XmlOut("crm_mon").attr("version", LEGACY_VERSION)
                : new XmlOut("pacemaker-result").attr("api-version", API_VERSION, "request", request);
        x.summary(root);
        if (o.has(Section.nodes)) {
            x.nodes(root);
        }
        if (o.has(Section.resources)) {
            x.resources(root);
        }
        if (o.has(Section.attributes)) {
            x.attributes(root);
        }
        if (o.has(Section.operations) || o.has(Section.failcounts)) {
            x.history(root);
        }
        if (o.has(Section.failures)) {
            x.failures(root);
        }
        if (o.has(Section.tickets)) {
            x.tickets(root);
        }
        if (o.has(Section.bans)) {
            x.bans(root);
        }
        if (request != null) {
            root.child("status").attr("code", "0", "message", "OK");
        }
        return root.write();
    }

    private static String bool(boolean b) {
        return b ? "true" : "false";
    }

    // ---- summary ------------------------------------------------------------------------------------

    private void summary(XmlOut root) {
        XmlOut s = new XmlOut("summary");
        if (o.has(Section.stack)) {
            String stack = live != null ? live.stack() : text.property("cluster-infrastructure");
            s.child("stack").attr("type", stack == null ? "unknown" : stack);
        }
        if (o.has(Section.dc)) {
            NodeInfo dc = st.nodes().stream().filter(NodeInfo::dc).findFirst().orElse(null);
            if (dc == null) {
                s.child("current_dc").attr("present", "false");
            } else {
                String version = live != null ? live.dcVersion() : text.property("dc-version");
                boolean quorum = live != null ? live.quorate()
                        : org.vigil.cib.Booleans.isTrue(cib.attribute("have-quorum"));
                s.child("current_dc").attr("present", "true", "version", version == null ? "" : version, "name",
                        dc.name(), "id", dc.id(), "with_quorum", bool(quorum), "mixed_version", bool(text.mixedVersion()));
            }
        }
        if (o.has(Section.times)) {
            s.child("last_update").attr("time", MonFormat.epoch(now, zone));
            s.child("last_change").attr("time", orEmpty(cib.attribute("cib-last-written")), "user",
                    orEmpty(cib.attribute("update-user")), "client", orEmpty(cib.attribute("update-client")),
                    "origin", orEmpty(cib.attribute("update-origin")));
        }
        if (o.has(Section.counts)) {
            s.child("nodes_configured").attr("number", Integer.toString(st.nodes().size()));
            int[] c = new int[3];
            for (Item r : st.resources()) {
                MonText.count(r, null, c, st.frozen());
            }
            s.child("resources_configured").attr("number", Integer.toString(c[0]), "disabled",
                    Integer.toString(c[1]), "blocked", Integer.toString(c[2]));
        }
        if (o.has(Section.options)) {
            Map<String, String> p = st.properties();
            s.child("cluster_options").attr("stonith-enabled", bool(st.fencingEnabled()), "symmetric-cluster",
                    bool(st.symmetric()), "no-quorum-policy", noQuorumPolicy(p.get("no-quorum-policy"), st.fencingEnabled(), cib),
                    "maintenance-mode", bool(st.maintenanceMode()), "stop-all-resources",
                    bool(org.vigil.cib.Booleans.isTrue(p.get("stop-all-resources"))), "stonith-timeout-ms",
                    Long.toString(ms(p.get("stonith-timeout"), 60_000)), "priority-fencing-delay-ms",
                    Long.toString(ms(p.get("priority-fencing-delay"), 0)));
        }
        if (!s.isEmpty()) {
            root.add(s);
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /**
     * The policy in effect, as Pacemaker's unpack_config: suicide needs fencing, and a cluster that never had
     * quorum (no have-quorum, no no-quorum-panic) falls back to stop.
     */
    private static String noQuorumPolicy(String v, boolean fencing, Cib cib) {
        String p = v == null ? "stop" : v.trim().toLowerCase(Locale.ROOT);
        if (p.equals("suicide")) {
            String panic = cib.attribute("no-quorum-panic");
            boolean panicSet = panic != null && !panic.trim().equals("0") && !panic.isBlank();
            boolean quorum = org.vigil.cib.Booleans.isTrue(cib.attribute("have-quorum"));
            return fencing && (panicSet || quorum) ? p : "stop";
        }
        return List.of("stop", "freeze", "ignore", "demote").contains(p) ? p : "stop";
    }

    private static long ms(String v, long fallback) {
        if (v == null) {
            return fallback;
        }
        try {
            return org.vigil.rules.Durations.parseIntervalMs(v.trim());
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    /** The node's #feature-set; one without it runs a version older than 3.15.1, where the attribute came. */
    private String featureSet(NodeInfo n) {
        return text.nodeAttributes(n).getOrDefault("#feature-set", "<3.15.1");
    }

    // ---- nodes ----------------------------------------------------------------------------------------

    private void nodes(XmlOut root) {
        XmlOut list = root.child("nodes");
        for (NodeInfo n : text.sortedNodes()) {
            if (!o.nodeShown(n.name())) {
                continue;
            }
            int health = text.healthLevel(n);
            XmlOut x = list.child("node").attr("name", n.name(), "id", n.id(), "online", bool(n.online()), "standby",
                    bool(n.standby()), "standby_onfail", "false", "maintenance", bool(n.maintenance()), "pending",
                    bool(n.pending()), "unclean", bool(n.unclean()), "health",
                    health < 0 ? "red" : health == 0 ? "yellow" : "green", "feature_set",
                    n.online() && n.isCluster() ? featureSet(n) : null, "shutdown", bool(n.shutdown()), "expected_up",
                    bool(n.expectedUp()), "is_dc", bool(n.dc()), "resources_running",
                    Integer.toString(n.resourcesRunning()), "type", n.isCluster() ? "member" : "remote",
                    "id_as_resource", n.container());
            if (o.groupByNode()) {
                for (Item p : text.runningOn(n)) {
                    // -n lists each primitive running there, whatever --resource says (Pacemaker's rsc_only)
                    primitive(x, p, anonymous(p), true);
                }
            }
        }
    }

    // ---- resources ------------------------------------------------------------------------------------

    private void resources(XmlOut root) {
        XmlOut list = new XmlOut("resources");
        for (Item r : st.resources()) {
            boolean active = activity.active(r, true);
            boolean partially = activity.active(r, false);
            if (r.orphan() && !active) {
                continue;
            }
            if (o.groupByNode() && active) {
                continue;
            }
            if (partially && !runningOnShownNode(r)) {
                continue;
            }
            switch (r.kind()) {
                case "primitive" -> primitive(list, r, false, false);
                case "group" -> group(list, r, r, false, false);
                case "bundle" -> bundle(list, r);
                default -> clone(list, r);
            }
        }
        if (!list.isEmpty()) {
            root.add(list);
        }
    }

    private boolean runningOnShownNode(Item r) {
        return allNodes(r).stream().anyMatch(o::nodeShown);
    }

    private static List<String> allNodes(Item r) {
        List<String> out = new ArrayList<>(r.nodes());
        r.children().forEach(c -> out.addAll(allNodes(c)));
        return out;
    }

    private boolean asked(String id) {
        return o.onlyResources().isEmpty() || o.onlyResources().contains(id);
    }

    /** Pacemaker's native is_filtered: asked for by printable or full id, or (checking the parent) its top is. */
    private boolean primitiveFiltered(Item p, boolean anonymous, Item top, boolean checkParent) {
        if (asked(anonymous ? MonResources.baseId(p.id()) : p.id()) || asked(p.id())) {
            return false;
        }
        return !checkParent || top == null || top == p || filtered(top, false);
    }

    /** is_filtered of a top-level resource or a member, without looking at parents. */
    private boolean filtered(Item r, boolean anonymous) {
        return switch (r.kind()) {
            case "primitive" -> primitiveFiltered(r, anonymous, null, false);
            case "group" -> !(asked(anonymous ? MonResources.baseId(r.id()) : r.id())
                    || r.id().contains(":") && asked(r.id())
                    || r.children().stream().anyMatch(c -> !filtered(c, anonymous)));
            case "bundle" -> !(asked(r.id()) || !bundleParts(r, false).isEmpty());
            default -> !(asked(r.id()) || !r.children().isEmpty() && asked(MonResources.baseId(r.children().get(0)
                    .id())) || r.children().stream().anyMatch(c -> !filtered(c, !r.unique())));
        };
    }

    private boolean anonymous(Item p) {
        for (Item top : st.resources()) {
            if ((top.kind().equals("clone") || top.kind().equals("bundle")) && !top.unique() && contains(top, p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(Item r, Item p) {
        return r == p || r.children().stream().anyMatch(c -> contains(c, p));
    }

    /** pe__resource_xml. @param all no --resource filtering (a clone's instances, -n's lists) */
    private void primitive(XmlOut parent, Item p, boolean anonymous, boolean all) {
        if (!all && primitiveFiltered(p, anonymous, topOf(p), true)) {
            return;
        }
        String agent = p.resourceClass() + (p.provider() == null ? "" : ":" + p.provider()) + ":" + p.type();
        String pending = MonResources.pendingState(p.pendingTask());
        XmlOut x = parent.child("resource").attr("id", anonymous ? MonResources.baseId(p.id()) : p.id(),
                "resource_agent", agent, "role", pending != null ? pending : p.role(), "target_role", p.targetRole(),
                "active", bool(activity.active(p, false)), "orphaned", bool(p.orphan()), "blocked", bool(p.blocked()),
                "managed", bool(p.managed()), "failed", bool(p.failed()), "failure_ignored",
                bool(p.failureIgnored()), "nodes_running_on", Integer.toString(p.nodes().size()), "pending",
                "monitor".equals(p.pendingTask()) ? "Monitoring" : null, "locked_to", p.lockedTo());
        for (String n : p.nodes()) {
            NodeInfo info = st.nodes().stream().filter(i -> i.name().equals(n)).findFirst().orElse(null);
            x.child("node").attr("name", n, "id", info == null ? n : info.id(), "cached",
                    bool(info != null && info.online()));
        }
    }

    private Item topOf(Item p) {
        for (Item top : st.resources()) {
            if (contains(top, p)) {
                return top;
            }
        }
        return null;
    }

    /** pe__group_xml: the members not filtered out; number_resources counts from the first one shown. */
    private void group(XmlOut parent, Item g, Item top, boolean anonymous, boolean all) {
        if (!all) {
            boolean passes = top != g && asked(anonymous ? MonResources.baseId(top.id()) : top.id())
                    || !filtered(g, anonymous);
            if (!passes) {
                return;
            }
        }
        boolean parentPasses = all || asked(anonymous ? MonResources.baseId(g.id()) : g.id())
                || g.id().contains(":") && asked(g.id());
        XmlOut x = null;
        List<Item> members = g.children();
        for (int i = 0; i < members.size(); i++) {
            Item c = members.get(i);
            if (!parentPasses && primitiveFiltered(c, anonymous, null, false)) {
                continue;
            }
            if (x == null) {
                x = parent.child("group").attr("id", g.id(), "number_resources", Integer.toString(members.size() - i),
                        "managed", bool(g.managed()), "disabled", bool(MonText.disabled(g.targetRole(), false)));
            }
            primitive(x, c, anonymous, true);
        }
    }

    /** pe__clone_xml: every instance not filtered out by --node or --resource, each shown whole. */
    private void clone(XmlOut parent, Item c) {
        if (filtered(c, false)) {
            return;
        }
        boolean everything = asked(c.id());
        boolean anonymous = !c.unique();
        XmlOut x = null;
        for (Item child : c.children()) {
            if (activity.active(child, false) && !runningOnShownNode(child)) {
                continue;
            }
            boolean childFiltered = child.kind().equals("group")
                    ? !(everything || !filtered(child, anonymous))
                    : !everything && primitiveFiltered(child, anonymous, c, false);
            if (childFiltered) {
                continue;
            }
            if (x == null) {
                x = parent.child("clone").attr("id", c.id(), "multi_state", bool(c.promotable()), "unique",
                        bool(c.unique()), "managed", bool(c.managed()), "disabled",
                        bool(MonText.disabled(c.targetRole(), c.promotable())), "failed", bool(c.failed()),
                        "failure_ignored", bool(c.failureIgnored()), "target_role", configuredRole(c));
            }
            if (child.kind().equals("group")) {
                group(x, child, c, anonymous, true);
            } else {
                primitive(x, child, anonymous, true);
            }
        }
    }

    /**
     * pe__bundle_xml: {@code <bundle>} with one {@code <replica>} per replica not filtered out, holding its address,
     * the primitive inside, the container and the connection, in that order.
     */
    private void bundle(XmlOut parent, Item b) {
        if (filtered(b, false)) {
            return;
        }
        boolean everything = asked(b.id());
        StatusReading.Bundle info = b.bundle();
        XmlOut x = null;
        for (StatusReading.Replica r : info.replicas()) {
            if (activity.active(r.container(), false) && !runningOnShownNode(r.container())) {
                continue; // pcmk__rsc_filtered_by_node
            }
            List<Item> parts = replicaParts(r, everything, !info.unique());
            if (!everything && parts.isEmpty()) {
                continue;
            }
            if (x == null) {
                x = parent.child("bundle").attr("id", b.id(), "type", info.runtime(), "image", info.image(), "unique",
                        bool(info.unique()), "managed", bool(b.managed()), "failed", bool(b.failed()));
            }
            XmlOut replica = x.child("replica").attr("id", Integer.toString(r.offset()));
            for (Item part : parts) {
                primitive(replica, part, part == r.child() && !info.unique(), true);
            }
        }
    }

    /** The parts of a bundle's replicas that --resource asks for (all of them with {@code everything}). */
    private List<Item> bundleParts(Item b, boolean everything) {
        List<Item> out = new ArrayList<>();
        for (StatusReading.Replica r : b.bundle().replicas()) {
            out.addAll(replicaParts(r, everything, !b.bundle().unique()));
        }
        return out;
    }

    private List<Item> replicaParts(StatusReading.Replica r, boolean everything, boolean anonymous) {
        List<Item> out = new ArrayList<>();
        for (Item part : java.util.Arrays.asList(r.ip(), r.child(), r.container(), r.remote())) {
            if (part != null && (everything || !primitiveFiltered(part, part == r.child() && anonymous, null, false))) {
                out.add(part);
            }
        }
        return out;
    }

    /** configured_role_str: the clone's target-role, else its first instance's. */
    private static String configuredRole(Item c) {
        return c.targetRole() != null || c.children().isEmpty() ? c.targetRole() : c.children().get(0).targetRole();
    }

    // ---- node attributes, history, failures, tickets, bans ---------------------------------------------

    private void attributes(XmlOut root) {
        XmlOut list = new XmlOut("node_attributes");
        for (NodeInfo n : text.sortedNodes()) {
            if (!n.online() || !o.nodeShown(n.name())) {
                continue;
            }
            Map<String, String> attrs = text.shownAttributes(n);
            if (attrs.isEmpty()) {
                continue;
            }
            XmlOut node = list.child("node").attr("name", n.name());
            attrs.forEach((k, v) -> {
                Integer expected = text.expectedPing(n, k);
                node.child("attribute").attr("name", k, "value", v, "expected",
                        expected == null ? null : expected.toString());
            });
        }
        if (!list.isEmpty()) {
            root.add(list);
        }
    }

    private void history(XmlOut root) {
        List<MonText.NodeHistory> nodes = text.historyList();
        if (nodes.isEmpty()) {
            return;
        }
        XmlOut list = root.child("node_history");
        for (MonText.NodeHistory nh : nodes) {
            if (nh.resources().isEmpty()) {
                continue;
            }
            XmlOut node = list.child("node").attr("name", nh.node().name());
            for (MonText.RscHistory h : nh.resources()) {
                XmlOut r = node.child("resource_history").attr("id", h.id());
                if (h.rsc() == null) {
                    r.attr("orphan", "true");
                    continue;
                }
                r.attr("orphan", "false", "migration-threshold", Integer.toString(h.threshold()));
                if (h.failCount().count() > 0) {
                    r.attr("fail-count", Integer.toString(Math.min(h.failCount().count(), 1_000_000)));
                }
                if (h.failCount().lastFailure() > 0) {
                    r.attr("last-failure", MonFormat.epoch(Instant.ofEpochSecond(h.failCount().lastFailure()), zone));
                }
                for (LrmRscOp op : h.ops()) {
                    operation(r, op);
                }
            }
        }
    }

    /** op_history_xml with timing (XML always has it). */
    private void operation(XmlOut parent, LrmRscOp op) {
        boolean interval = op.interval() != null && !op.interval().equals("0");
        XmlOut x = parent.child("operation_history").attr("call", op.callId(), "task", MonText.task(op), "rc",
                Integer.toString(Math.max(op.rc(), 0)), "rc_text", OcfStatus.text(op.rc()), "interval",
                interval ? op.interval() + "ms" : null);
        if (op.lastRcChangeSeconds() > 0) {
            x.attr("last-rc-change", MonFormat.epoch(Instant.ofEpochSecond(op.lastRcChangeSeconds()), zone));
        }
        x.attr("exec-time", op.execTime() == null ? null : op.execTime() + "ms", "queue-time",
                op.attribute("queue-time") == null ? null : op.attribute("queue-time") + "ms");
    }

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private void failures(XmlOut root) {
        XmlOut list = new XmlOut("failures");
        for (StatusReading.FailedOp f : text.failureList()) {
            LrmRscOp op = f.op();
            String key = op.attribute("operation_key");
            String reason = op.exitReason() == null ? "none" : op.exitReason();
            XmlOut x = list.child("failure").attr(key != null ? "op_key" : "id", key != null ? key : op.id(), "node",
                    f.node(), "exitstatus", OcfStatus.text(op.rc()), "exitreason", reason, "exitcode",
                    Integer.toString(Math.max(op.rc(), 0)), "call", op.callId(), "status",
                    LrmRscOp.statusText(op.status()));
            if (op.lastRcChangeSeconds() > 0) {
                var at = Instant.ofEpochSecond(op.lastRcChangeSeconds()).atZone(zone);
                String offset = at.getOffset().getTotalSeconds() == 0 ? "Z" : at.getOffset().getId();
                x.attr("last-rc-change", ISO.format(at) + offset, "queued", op.attribute("queue-time"), "exec",
                        op.execTime(), "interval", Long.toString(op.intervalMs()), "task", op.operation());
            }
        }
        if (!list.isEmpty()) {
            root.add(list);
        }
    }

    private void tickets(XmlOut root) {
        List<MonText.Ticket> tickets = text.ticketList();
        if (tickets.isEmpty()) {
            return;
        }
        XmlOut list = root.child("tickets");
        for (MonText.Ticket t : tickets) {
            list.child("ticket").attr("id", t.id(), "status", t.granted() ? "granted" : "revoked", "standby",
                    bool(t.standby()), "last-granted", t.lastGranted() == null ? null
                            : MonFormat.epoch(Instant.ofEpochSecond(t.lastGranted()), zone));
        }
    }

    private void bans(XmlOut root) {
        List<MonText.Ban> bans = text.banList();
        if (bans.isEmpty()) {
            return;
        }
        XmlOut list = root.child("bans");
        for (MonText.Ban b : bans) {
            list.child("ban").attr("id", b.id(), "resource", b.rsc(), "node", b.node(), "weight",
                    Integer.toString(b.score()), "promoted-only", bool(b.promotedOnly()), "master_only",
                    bool(b.promotedOnly()));
        }
    }
}
