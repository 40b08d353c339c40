package org.vigil.cli.status;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.vigil.agents.OcfStatus;
import org.vigil.cib.Cib;
import org.vigil.cib.LrmRscOp;
import org.vigil.cib.NodeState;
import org.vigil.cib.NvPair;
import org.vigil.cib.NvSet;
import org.vigil.cli.status.MonOptions.Section;
import org.vigil.scheduler.StatusReading;
import org.vigil.scheduler.StatusReading.Item;
import org.vigil.scheduler.StatusReading.NodeInfo;

/** crm_mon's text layout (Pacemaker 2.1.5), section by section, from one {@link StatusReading}. */
final class MonText {
    private final Cib cib;
    private final StatusReading st;
    private final MonOptions o;
    private final ZoneId zone;
    private final Instant now;
    private final StringBuilder out = new StringBuilder();
    private boolean printed;

    MonText(Cib cib, StatusReading st, MonOptions o, ZoneId zone, Instant now) {
        this.cib = cib;
        this.st = st;
        this.o = o;
        this.zone = zone;
        this.now = now;
    }

    static String render(Cib cib, StatusReading st, MonOptions o, ZoneId zone, Instant now) {
        MonText t = new MonText(cib, st, o, zone, now);
        t.summary();
        if (o.has(Section.nodes)) {
            t.nodes();
        }
        if (o.has(Section.resources)) {
            t.resources();
        }
        if (o.has(Section.attributes)) {
            t.attributes();
        }
        if (o.has(Section.operations) || o.has(Section.failcounts)) {
            t.history();
        }
        if (o.has(Section.failures)) {
            t.failures();
        }
        if (o.has(Section.tickets)) {
            t.tickets();
        }
        if (o.has(Section.bans)) {
            t.bans();
        }
        return t.out.toString();
    }

    // ---- layout helpers -----------------------------------------------------------------------------

    private void line(int depth, String text) {
        out.append("  ".repeat(depth)).append("* ").append(text).append('\n');
    }

    private void header(String title) {
        if (printed) {
            out.append('\n');
        }
        printed = true;
        out.append(title).append(":\n");
    }

    // ---- summary ------------------------------------------------------------------------------------

    private void summary() {
        List<String> lines = new ArrayList<>();
        if (o.has(Section.stack)) {
            String stack = property("cluster-infrastructure");
            lines.add("Stack: " + (stack == null ? "unknown" : stack));
        }
        if (o.has(Section.dc)) {
            NodeInfo dc = st.nodes().stream().filter(NodeInfo::dc).findFirst().orElse(null);
            if (dc == null) {
                lines.add("Current DC: NONE");
            } else {
                String version = property("dc-version");
                lines.add("Current DC: " + displayName(dc) + " (version " + (version == null ? "unknown" : version)
                        + ") - " + (mixedVersion() ? "MIXED-VERSION " : "") + "partition "
                        + (org.vigil.cib.Booleans.isTrue(cib.attribute("have-quorum")) ? "with"
                        : "WITHOUT") + " quorum");
            }
        }
        if (o.has(Section.times)) {
            lines.add("Last updated: " + MonFormat.epoch(now, zone));
            String written = cib.attribute("cib-last-written");
            String user = cib.attribute("update-user");
            String client = cib.attribute("update-client");
            String origin = cib.attribute("update-origin");
            StringBuilder change = new StringBuilder();
            if (written != null || user != null || client != null || origin != null) {
                change.append(written == null ? "" : written).append(user == null ? "" : " by " + user)
                        .append(client == null ? "" : " via " + client).append(origin == null ? "" : " on " + origin);
            }
            lines.add("Last change:  " + change);
        }
        if (o.has(Section.counts)) {
            int n = st.nodes().size();
            lines.add(n + " node" + (n == 1 ? "" : "s") + " configured");
            int[] c = new int[3];
            for (Item r : st.resources()) {
                count(r, null, c, st.frozen());
            }
            String s = c[0] + " resource instance" + (c[0] == 1 ? "" : "s") + " configured";
            if (c[1] > 0 && c[2] > 0) {
                s += " (" + c[1] + " DISABLED, " + c[2] + " BLOCKED from further action due to failure)";
            } else if (c[1] > 0) {
                s += " (" + c[1] + " DISABLED)";
            } else if (c[2] > 0) {
                s += " (" + c[2] + " BLOCKED from further action due to failure)";
            }
            lines.add(s);
        }
        if (!lines.isEmpty()) {
            header("Cluster Summary");
            lines.forEach(l -> line(1, l));
        }
        if (o.has(Section.maint_mode) && st.maintenanceMode()) {
            out.append("\n              *** Resource management is DISABLED ***\n")
                    .append("  The cluster will not attempt to start, stop or recover services\n");
            printed = true;
        } else if (o.has(Section.maint_mode) && org.vigil.cib.Booleans.isTrue(st.properties().get("stop-all-resources"))) {
            out.append("\n    *** Resource management is DISABLED ***\n")
                    .append("  The cluster will keep all resources stopped\n");
            printed = true;
        }
    }

    /** Online nodes report different feature sets (an upgrade in progress): crm_mon says MIXED-VERSION. */
    boolean mixedVersion() {
        String first = null;
        for (NodeInfo n : st.nodes()) {
            if (!n.online() || !n.isCluster()) {
                continue; // remote and guest nodes do not report a feature set
            }
            String fs = nodeAttributes(n).getOrDefault("#feature-set", "<3.15.1");
            if (first == null) {
                first = fs;
            } else if (!first.equals(fs)) {
                return true;
            }
        }
        return false;
    }

    /** Pacemaker's pe__count_common: instances, disabled ones, blocked ones. */
    static void count(Item r, Item parentTop, int[] c, java.util.Set<String> frozen) {
        if (!r.children().isEmpty()) {
            for (Item k : r.children()) {
                count(k, parentTop == null ? r : parentTop, c, frozen);
            }
            return;
        }
        if (!r.kind().equals("primitive")) {
            return;
        }
        if (r.orphan() && r.nodes().isEmpty()) {
            return;
        }
        c[0]++;
        if (disabled(r.targetRole(), parentTop != null && parentTop.promotable())) {
            c[1]++;
        }
        if (r.blocked() && !frozen.contains(r.id())) {
            c[2]++;
        }
    }

    static boolean disabled(String targetRole, boolean promotable) {
        if (targetRole == null) {
            return false;
        }
        String t = targetRole.trim().toLowerCase(java.util.Locale.ROOT);
        return t.equals("stopped") || promotable && (t.equals("unpromoted") || t.equals("slave"));
    }

    /** The first cluster option named so, in document order, as crm_mon's XPath finds it. */
    String property(String name) {
        for (NvSet set : cib.configuration().clusterProperties()) {
            for (NvPair p : set.pairs()) {
                if (name.equals(p.name())) {
                    return p.value();
                }
            }
        }
        return null;
    }

    // ---- nodes ----------------------------------------------------------------------------------------

    List<NodeInfo> sortedNodes() {
        List<NodeInfo> nodes = new ArrayList<>(st.nodes());
        nodes.sort((a, b) -> MonFormat.compareNames(a.name(), b.name()));
        return nodes;
    }

    private void nodes() {
        // Pacemaker's lists: cluster nodes, then Pacemaker Remote nodes, then guest nodes
        Map<String, List<String>> online = new java.util.HashMap<>();
        Map<String, List<String>> offline = new java.util.HashMap<>();
        boolean any = false;
        for (NodeInfo n : sortedNodes()) {
            if (!o.nodeShown(n.name())) {
                continue;
            }
            if (!any) {
                header("Node List");
                any = true;
            }
            String health = n.online() ? health(n) : "";
            if (n.unclean() || n.pending() || n.standby() || n.maintenance() || o.groupByNode() || o.detail()
                    || !health.isEmpty()) {
                String status = nodeStatus(n);
                String text = nodeWord(n) + " " + displayName(n) + ": "
                        + (status.equals("online") ? status + health : status);
                if (o.detail() && n.online() && n.isCluster()) {
                    // the attribute exists since feature set 3.15.1: a node without it runs an older version
                    text += ", feature set " + nodeAttributes(n).getOrDefault("#feature-set", "<3.15.1");
                }
                if (o.groupByNode()) {
                    line(1, text + ":");
                    line(2, "Resources:");
                    for (Item p : runningOn(n)) {
                        if (!o.detail() && MonResources.internal(st, p)) {
                            continue;
                        }
                        line(3, ResourceText.primitiveLine(st, p, null, true)); // rsc_printable_id
                    }
                } else {
                    line(1, text);
                }
            } else if (n.online() || !"guest".equals(n.kind())) {
                // as Pacemaker, an offline guest node is not listed: its container is simply stopped
                (n.online() ? online : offline).computeIfAbsent(n.kind(), k -> new ArrayList<>()).add(displayName(n));
            }
        }
        for (String[] kind : new String[][] {{"cluster", ""}, {"remote", "Remote"}, {"guest", "Guest"}}) {
            List<String> on = online.getOrDefault(kind[0], List.of());
            List<String> off = offline.getOrDefault(kind[0], List.of());
            if (!on.isEmpty()) {
                line(1, kind[1] + "Online: [ " + String.join(" ", on) + " ]");
            }
            if (!off.isEmpty()) {
                line(1, kind[1] + "OFFLINE: [ " + String.join(" ", off) + " ]");
            }
        }
    }

    /** How Pacemaker names a node of each kind in its own line. */
    private static String nodeWord(NodeInfo n) {
        return switch (n.kind()) {
            case "remote" -> "RemoteNode";
            case "guest" -> "GuestNode";
            default -> "Node";
        };
    }

    /** With --show-detail Pacemaker adds the node's id where it differs from its name. */
    private String displayName(NodeInfo n) {
        if (!o.detail()) {
            return n.name();
        }
        // with detail, a guest node is shown with the node its container runs on
        String name = "guest".equals(n.kind()) ? n.name() + "@" + (n.host() == null ? "" : n.host()) : n.name();
        return n.id() != null && !n.id().equals(n.name()) ? name + " (" + n.id() + ")" : name;
    }

    /**
     * Pacemaker's node health, shown after "online" unless node-health-strategy is none: the worst of the node's
     * {@code #health*} attributes, {@code red} (or a score of -INFINITY) and {@code yellow} (or below 0).
     */
    private String health(NodeInfo n) {
        int worst = healthLevel(n);
        return worst < 0 ? " (health is RED)" : worst == 0 ? " (health is YELLOW)" : "";
    }

    /** The node's health: -1 red, 0 yellow, 1 green (always green when node-health-strategy is none). */
    int healthLevel(NodeInfo n) {
        String strategy = property("node-health-strategy");
        if (strategy == null || strategy.equals("none")) {
            return 1;
        }
        int worst = 1;
        for (Map.Entry<String, String> a : nodeAttributes(n).entrySet()) {
            if (!a.getKey().startsWith("#health")) {
                continue;
            }
            String v = a.getValue() == null ? "" : a.getValue().trim().toLowerCase(java.util.Locale.ROOT);
            int score = switch (v) {
                case "red" -> -1;
                case "yellow" -> 0;
                case "green" -> 1;
                default -> {
                    int x = org.vigil.cib.Score.parseOr(v, 0);
                    yield x <= org.vigil.cib.Score.MINUS_INFINITY ? -1 : x < 0 ? 0 : 1;
                }
            };
            worst = Math.min(worst, score);
        }
        return worst;
    }

    static String nodeStatus(NodeInfo n) {
        if (n.unclean()) {
            return n.online() ? "UNCLEAN (online)" : n.pending() ? "UNCLEAN (pending)" : "UNCLEAN (offline)";
        }
        if (n.pending()) {
            return "pending";
        }
        if (n.standby()) {
            return n.online() ? (n.resourcesRunning() > 0 ? "standby (with active resources)" : "standby")
                    : "OFFLINE (standby)";
        }
        if (n.maintenance()) {
            return n.online() ? "maintenance" : "OFFLINE (maintenance)";
        }
        return n.online() ? "online" : "OFFLINE";
    }

    /** The primitives active on the node, in the order its history lists them (Pacemaker's running_rsc). */
    List<Item> runningOn(NodeInfo n) {
        List<Item> out = new ArrayList<>();
        for (Item r : st.resources()) {
            collectRunning(r, n.name(), out);
        }
        NodeState ns = state(n);
        if (ns == null || ns.lrm() == null) {
            return out;
        }
        // Pacemaker adds a resource to the node's list when the history entry that finds it active is unpacked:
        // each running primitive goes where such an entry stands (an anonymous clone's instances take the
        // entries of their base id that show it active, in turn)
        List<org.vigil.cib.LrmResource> entries = ns.lrm().resources();
        Map<Item, Integer> position = new java.util.HashMap<>();
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        for (boolean exact : new boolean[] {true, false}) {
            for (Item p : out) {
                if (position.containsKey(p)) {
                    continue;
                }
                for (int j = 0; j < entries.size(); j++) {
                    org.vigil.cib.LrmResource lr = entries.get(j);
                    boolean same = exact ? lr.id().equals(p.id())
                            : MonResources.baseId(lr.id()).equals(MonResources.baseId(p.id()));
                    if (same && !taken.contains(j) && looksActive(lr)) {
                        position.put(p, j);
                        taken.add(j);
                        break;
                    }
                }
            }
        }
        for (Item p : out) {
            if (!position.containsKey(p)) {
                for (int j = 0; j < entries.size(); j++) {
                    if (MonResources.baseId(entries.get(j).id()).equals(MonResources.baseId(p.id()))) {
                        position.put(p, j);
                        break;
                    }
                }
            }
        }
        out.sort(java.util.Comparator.comparingInt(p -> position.getOrDefault(p, Integer.MAX_VALUE)));
        return out;
    }

    /** The entry's newest completed operation leaves the resource active (not a stop, not "not running"). */
    private static boolean looksActive(org.vigil.cib.LrmResource lr) {
        LrmRscOp last = null;
        for (LrmRscOp op : lr.ops()) {
            if (op.status() == -1 && !"monitor".equals(op.operation())) {
                return true; // an action in flight keeps (or makes) it active
            }
            if (op.call() >= 0 && (last == null || op.call() >= last.call())) {
                last = op;
            }
        }
        if (last == null) {
            return false;
        }
        boolean ok = last.status() == 0 && last.rc() == 0;
        return !(("stop".equals(last.operation()) && ok) || last.rc() == 7 && last.status() == 0);
    }

    private static void collectRunning(Item r, String node, List<Item> out) {
        if (r.kind().equals("primitive")) {
            if (r.nodes().contains(node)) {
                out.add(r);
            }
            return;
        }
        r.children().forEach(c -> collectRunning(c, node, out));
    }

    private static boolean contains(Item r, Item p) {
        return r == p || r.children().stream().anyMatch(c -> contains(c, p));
    }

    // ---- resources ------------------------------------------------------------------------------------

    private void resources() {
        if (o.groupByNode() && !o.inactive()) {
            return;
        }
        header(o.groupByNode() ? "Inactive Resources" : o.inactive() ? "Full List of Resources" : "Active Resources");
        MonResources res = new MonResources(st, o);
        Activity activity = new Activity(st);
        boolean any = false;
        boolean brief = o.brief() && !o.groupByNode();
        if (brief) {
            List<String> lines = res.brief(st.resources().stream().filter(r -> r.kind().equals("primitive")).toList());
            lines.forEach(l -> line(1, l));
            any = !lines.isEmpty();
        }
        for (Item r : st.resources()) {
            if (brief && r.kind().equals("primitive")) {
                continue;
            }
            boolean active = activity.active(r, true);
            boolean partially = activity.active(r, false);
            if (r.orphan() && !active) {
                continue;
            }
            if (o.groupByNode()) {
                if (active) {
                    continue;
                }
            } else if (!partially && !o.inactive()) {
                continue;
            }
            List<String> lines = res.render(r, 1);
            lines.forEach(l -> out.append(l).append('\n'));
            any |= !lines.isEmpty();
        }
        if (!any) {
            line(1, o.groupByNode() ? "No inactive resources" : o.inactive() ? "No resources" : "No active resources");
        }
    }

    // ---- tickets and bans -----------------------------------------------------------------------------

    /** A ticket as crm_mon lists it; {@code lastGranted} is null when unknown. */
    record Ticket(String id, boolean granted, boolean standby, Long lastGranted) {}

    /** Tickets: those with a state in the status section and those constraints ask for (revoked until granted). */
    List<Ticket> ticketList() {
        Map<String, String[]> tickets = new TreeMap<>();
        for (org.vigil.cib.XmlElement e : cib.status().extras()) {
            if (e.name().equals("tickets")) {
                for (org.vigil.cib.XmlElement t : e.children("ticket_state")) {
                    tickets.put(t.id(), new String[] {t.attribute("granted"), t.attribute("standby"),
                        t.attribute("last-granted")});
                }
            }
        }
        for (org.vigil.cib.Constraint c : cib.configuration().constraints()) {
            if (c instanceof org.vigil.cib.OpaqueConstraint oc && oc.element().name().equals("rsc_ticket")
                    && oc.element().attribute("ticket") != null) {
                tickets.putIfAbsent(oc.element().attribute("ticket"), new String[3]);
            }
        }
        List<Ticket> out = new ArrayList<>();
        tickets.forEach((id, t) -> {
            Long granted = null;
            if (t[2] != null) {
                try {
                    granted = Long.parseLong(t[2].trim());
                } catch (NumberFormatException e) {
                    // not a time: Pacemaker leaves it out too
                }
            }
            out.add(new Ticket(id, org.vigil.cib.Booleans.isTrue(t[0]), org.vigil.cib.Booleans.isTrue(t[1]), granted));
        });
        return out;
    }

    private void tickets() {
        List<Ticket> tickets = ticketList();
        if (tickets.isEmpty()) {
            return;
        }
        header("Tickets");
        for (Ticket t : tickets) {
            String text = t.id() + ": " + (t.granted() ? "granted" : "revoked") + (t.standby() ? " [standby]" : "");
            if (t.lastGranted() != null) {
                text += " last-granted=\"" + MonFormat.epoch(Instant.ofEpochSecond(t.lastGranted()), zone) + "\"";
            }
            line(1, text);
        }
    }

    /** A negative location preference of a resource for a node, under the constraint's (or rule's) id. */
    record Ban(String id, String rsc, String node, int score, boolean promotedOnly) {}

    /**
     * Negative location constraints (-L, optionally only ids starting with a prefix): node-specific ones with a
     * negative score on an existing resource and node, newest first as Pacemaker lists them.
     */
    List<Ban> banList() {
        List<Ban> bans = new ArrayList<>();
        java.util.Set<String> resources = new java.util.HashSet<>();
        org.vigil.cib.Resources.flatten(cib.configuration().resources()).forEach(r -> resources.add(r.id()));
        for (org.vigil.cib.Constraint c : cib.configuration().constraints()) {
            if (!(c instanceof org.vigil.cib.LocationConstraint l)) {
                continue;
            }
            if (l.rsc() != null) {
                if (resources.contains(l.rsc())) {
                    banResource(bans, l, l.rsc());
                }
            } else if (l.rscPattern() != null) {
                for (String rsc : patternMatches(l.rscPattern())) {
                    banResource(bans, l, rsc);
                }
            }
        }
        return bans;
    }

    /**
     * The top-level resources an {@code rsc-pattern} names, in the order Pacemaker unpacks them: a POSIX extended
     * regular expression found anywhere in the id, or with a leading {@code !} not found.
     */
    private List<String> patternMatches(String pattern) {
        boolean invert = pattern.startsWith("!");
        java.util.regex.Pattern re;
        try {
            re = java.util.regex.Pattern.compile(invert ? pattern.substring(1) : pattern);
        } catch (java.util.regex.PatternSyntaxException e) {
            return List.of(); // Pacemaker ignores a pattern it cannot compile
        }
        List<String> out = new ArrayList<>();
        for (Item r : st.resources()) {
            if (re.matcher(r.id()).find() != invert) {
                out.add(r.id());
            }
        }
        return out;
    }

    /** One location constraint's bans of one resource: its node with a negative score, or its rules' nodes. */
    private void banResource(List<Ban> bans, org.vigil.cib.LocationConstraint l, String rsc) {
        if (l.node() != null) {
            boolean nodeKnown = st.nodes().stream().anyMatch(n -> n.name().equals(l.node()));
            int score = org.vigil.cib.Score.parseOr(l.score(), 0);
            if (nodeKnown && score < 0) {
                ban(bans, l.id(), rsc, l.role(), l.node(), score);
            }
            return;
        }
        // a rule: the nodes where it holds with a negative score, under the rule's id
        for (org.vigil.cib.Rule rule : l.rules()) {
            // each rule is one constraint, newest first; its nodes come by name from an "or" rule, and in the
            // reverse of that from an "and" rule (Pacemaker starts from a copy of the node list made backwards)
            List<Ban> ruleBans = new ArrayList<>();
            for (NodeInfo n : sortedNodes()) {
                Map<String, String> attrs = new java.util.HashMap<>(nodeAttributes(n));
                attrs.put("#uname", n.name());
                attrs.put("#id", n.id() == null ? n.name() : n.id());
                attrs.put("#is_dc", String.valueOf(n.dc()));
                attrs.put("#kind", switch (n.kind()) {
                    case "remote" -> "remote";
                    case "guest" -> "container";
                    default -> "cluster";
                });
                int score = org.vigil.rules.Rules.score(rule, attrs);
                if (org.vigil.rules.Rules.matches(rule, org.vigil.rules.RuleContext.forNode(attrs, now))
                        && score < 0) {
                    ban(ruleBans, rule.id(), rsc, rule.role() != null ? rule.role() : l.role(), n.name(), score);
                }
            }
            if ("or".equalsIgnoreCase(rule.booleanOp())) {
                java.util.Collections.reverse(ruleBans); // ban() put each in front: back to by name
            }
            bans.addAll(0, ruleBans);
        }
    }

    private void bans() {
        List<Ban> bans = banList();
        if (!bans.isEmpty()) {
            header("Negative Location Constraints");
            for (Ban b : bans) {
                line(1, b.id() + "\tprevents " + b.rsc() + " from running " + (b.promotedOnly() ? "in Promoted role " : "")
                        + "on " + b.node());
            }
        }
    }

    /** Pacemaker keeps location constraints newest first: each ban goes to the front of the list. */
    private void ban(List<Ban> bans, String id, String rsc, String role, String node, int score) {
        if (id == null || !id.startsWith(o.banPrefix())) {
            return;
        }
        if (!o.onlyResources().isEmpty() && !o.onlyResources().contains(rsc)
                && st.resources().stream().noneMatch(top -> o.onlyResources().contains(top.id())
                        && MonResources.find(List.of(top), rsc + ":0") != null || MonResources.find(List.of(top), rsc)
                                != null && o.onlyResources().contains(top.id()))) {
            return; // --resource: only bans of the resource asked for or of what it belongs to
        }
        boolean promoted = role != null && List.of("Promoted", "Master").contains(role);
        bans.add(0, new Ban(id, rsc, node, score, promoted));
    }

    // ---- node attributes ------------------------------------------------------------------------------

    /** The attributes crm_mon lists for a node, by name (fail counts, standby, #-attributes and such left out). */
    Map<String, String> shownAttributes(NodeInfo n) {
        Map<String, String> attrs = new TreeMap<>();
        nodeAttributes(n).forEach((k, v) -> {
            for (String hidden : List.of("fail-count", "last-failure", "shutdown", "terminate", "standby", "#")) {
                if (k.startsWith(hidden)) {
                    return;
                }
            }
            attrs.put(k, v);
        });
        return attrs;
    }

    /**
     * Pacemaker's add_extra_info: when a ping/pingd resource running on the node sets this attribute, the score
     * full connectivity gives (hosts in host_list times multiplier), else null.
     */
    Integer expectedPing(NodeInfo n, String attribute) {
        for (Item r : runningOn(n)) {
            org.vigil.cib.Resource def = definition(MonResources.baseId(r.id()));
            if (!(def instanceof org.vigil.cib.Primitive p) || p.type() == null
                    || !List.of("ping", "pingd").contains(p.type().toLowerCase(java.util.Locale.ROOT))) {
                continue;
            }
            Map<String, String> params = org.vigil.cib.NvSets.unconditional(p.instanceAttributes());
            if (!params.getOrDefault("name", "pingd").equalsIgnoreCase(attribute)) {
                continue;
            }
            String hosts = params.get("host_list");
            int count = hosts == null ? 0 : hosts.split(" ", -1).length;
            int multiplier = 1;
            try {
                multiplier = Integer.parseInt(params.getOrDefault("multiplier", "1").trim());
            } catch (NumberFormatException e) {
                // Pacemaker takes 1 too
            }
            return count * multiplier;
        }
        return null;
    }

    private org.vigil.cib.Resource definition(String id) {
        for (org.vigil.cib.Resource r : org.vigil.cib.Resources.flatten(cib.configuration().resources())) {
            if (r.id().equals(id)) {
                return r;
            }
        }
        return null;
    }

    private void attributes() {
        boolean any = false;
        for (NodeInfo n : sortedNodes()) {
            if (!n.online() || !o.nodeShown(n.name())) {
                continue;
            }
            Map<String, String> attrs = shownAttributes(n);
            if (attrs.isEmpty()) {
                continue;
            }
            if (!any) {
                header("Node Attributes");
                any = true;
            }
            line(1, "Node: " + n.name() + ":");
            attrs.forEach((k, v) -> {
                Integer expected = expectedPing(n, k);
                String text = String.format("%-32s\t: %-10s", k, v);
                if (expected != null) {
                    int value = org.vigil.cib.Score.parseOr(v, 0);
                    text += value <= 0 ? "\t: Connectivity is lost"
                            : value < expected ? "\t: Connectivity is degraded (Expected=" + expected + ")" : "";
                }
                line(2, text);
            });
        }
    }

    /** The node's attributes as crm_mon reads them: configured instance attributes, then transient ones. */
    Map<String, String> nodeAttributes(NodeInfo n) {
        if (!n.attributes().isEmpty()) {
            return n.attributes(); // the scheduler's reading: rules evaluated, transient ones over configured ones
        }
        Map<String, String> attrs = new java.util.LinkedHashMap<>();
        for (org.vigil.cib.Node cn : cib.configuration().nodes()) {
            if (n.id() != null && n.id().equals(cn.id()) || n.name().equals(cn.uname())) {
                for (NvSet s : cn.instanceAttributes()) {
                    s.pairs().forEach(p -> attrs.putIfAbsent(p.name(), p.value()));
                }
            }
        }
        NodeState ns = state(n);
        if (ns != null && ns.transientAttributes() != null) {
            for (NvSet s : ns.transientAttributes().sets()) {
                s.pairs().forEach(p -> attrs.put(p.name(), p.value()));
            }
        }
        return attrs;
    }

    NodeState state(NodeInfo n) {
        for (NodeState s : cib.status().nodeStates()) {
            if (n.id() != null && n.id().equals(s.id())) {
                return s;
            }
        }
        return null;
    }

    // ---- operations / migration summary ---------------------------------------------------------------

    /** One resource's entry in a node's history: its fail count and the operations shown (-o). */
    record RscHistory(String id, Item rsc, int threshold, MonFailCounts.Count failCount, List<LrmRscOp> ops) {}

    /** One online node's history, in status order; {@code resources} may be empty. */
    record NodeHistory(NodeInfo node, List<RscHistory> resources) {}

    /**
     * Pacemaker's node_history_list: per online node with a status entry, the resources with a fail count, or with
     * -o those with operations to show (notifies and "not running" probes left out), by call id.
     */
    List<NodeHistory> historyList() {
        boolean operations = o.has(Section.operations);
        List<NodeHistory> out = new ArrayList<>();
        for (NodeState s : cib.status().nodeStates()) {
            NodeInfo n = st.nodes().stream().filter(x -> x.id() != null && x.id().equals(s.id())).findFirst()
                    .orElse(null);
            if (n == null || !n.online() || !o.nodeShown(n.name())) {
                continue;
            }
            List<RscHistory> entries = new ArrayList<>();
            out.add(new NodeHistory(n, entries));
            if (s.lrm() == null) {
                continue;
            }
            Map<String, String> attrs = nodeAttributes(n);
            for (org.vigil.cib.LrmResource lr : s.lrm().resources()) {
                Item rsc = MonResources.find(st.resources(), lr.id());
                String printable = rsc == null ? lr.id() : MonResources.printableId(st.resources(), rsc);
                if (!historyShown(lr.id(), printable, rsc)) {
                    continue;
                }
                MonFailCounts.Count fc = MonFailCounts.of(attrs, printable, cib.attribute("crm_feature_set"));
                int threshold = rsc == null ? 1_000_000 : rsc.migrationThreshold();
                if (!operations) {
                    if (fc.count() > 0) {
                        entries.add(new RscHistory(lr.id(), rsc, threshold, fc, List.of()));
                    }
                    continue;
                }
                List<LrmRscOp> ops = new ArrayList<>();
                for (LrmRscOp op : lr.ops()) {
                    String task = task(op);
                    if ("notify".equals(task) || "probe".equals(task) && op.rc() == 7) {
                        continue;
                    }
                    ops.add(op);
                }
                if (!ops.isEmpty()) {
                    ops.sort(MonFormat::byCallId);
                    entries.add(new RscHistory(printable, rsc, threshold, fc, ops));
                }
            }
        }
        return out;
    }

    /** --resource: the history entry's resource, or the top-level resource it belongs to, was asked for. */
    private boolean historyShown(String historyId, String printable, Item rsc) {
        List<String> only = o.onlyResources();
        if (only.isEmpty() || only.contains(historyId) || only.contains(printable)) {
            return true;
        }
        for (Item top : st.resources()) {
            if (rsc != null && contains(top, rsc)) {
                return only.contains(top.id()) || top.kind().equals("clone") && !top.children().isEmpty()
                        && only.contains(MonResources.baseId(top.children().get(0).id()));
            }
        }
        return false;
    }

    private void history() {
        boolean operations = o.has(Section.operations);
        List<NodeHistory> nodes = historyList();
        if (nodes.isEmpty()) {
            return;
        }
        header(operations ? "Operations" : "Migration Summary");
        for (NodeHistory nh : nodes) {
            if (!nh.resources().isEmpty()) {
                line(1, "Node: " + nh.node().name() + ":");
            }
            for (RscHistory h : nh.resources()) {
                String text = historyString(h.id(), h.rsc(), h.threshold(), true, h.failCount());
                line(2, operations ? text + ":" : text);
                for (LrmRscOp op : h.ops()) {
                    line(3, opLine(op));
                }
            }
        }
    }

    private String historyString(String id, Item rsc, int threshold, boolean all, MonFailCounts.Count fc) {
        if (rsc == null) {
            return id + ": orphan";
        }
        StringBuilder sb = new StringBuilder(id).append(": migration-threshold=").append(threshold);
        if (fc.count() > 0) {
            sb.append(" fail-count=").append(fc.count() >= 1_000_000 ? 1_000_000 : fc.count());
        }
        if (fc.lastFailure() > 0) {
            sb.append(" last-failure='").append(MonFormat.epoch(Instant.ofEpochSecond(fc.lastFailure()), zone))
                    .append('\'');
        }
        return sb.toString();
    }

    static String task(LrmRscOp op) {
        String task = op.operation();
        if ("monitor".equalsIgnoreCase(task) && (op.interval() == null || op.interval().equals("0"))) {
            return "probe";
        }
        return task;
    }

    /** Pacemaker 2.1.5's op_history_string: {@code (call) task[: interval="Nms"]}, with -t times and the result. */
    private String opLine(LrmRscOp op) {
        StringBuilder sb = new StringBuilder("(").append(op.callId()).append(") ").append(task(op));
        boolean interval = op.interval() != null && !op.interval().equals("0");
        if (!o.timing()) {
            return interval ? sb.append(": interval=\"").append(op.interval()).append("ms\"").toString() : sb.toString();
        }
        sb.append(':');
        if (interval) {
            sb.append(" interval=\"").append(op.interval()).append("ms\"");
        }
        long changed = op.lastRcChange() == null ? 0 : op.lastRcChangeSeconds();
        if (changed > 0) {
            sb.append(" last-rc-change=\"").append(MonFormat.epoch(Instant.ofEpochSecond(changed), zone)).append('"');
        }
        if (op.execTime() != null) {
            sb.append(" exec-time=\"").append(op.execTime()).append("ms\"");
        }
        String queue = op.attribute("queue-time");
        if (queue != null) {
            sb.append(" queue-time=\"").append(queue).append("ms\"");
        }
        sb.append(" rc=").append(op.rc()).append(" (").append(OcfStatus.text(op.rc())).append(')');
        return sb.toString();
    }

    // ---- failed actions -------------------------------------------------------------------------------

    /** The failed actions crm_mon lists: --node/--resource applied, masked probe failures left out. */
    List<StatusReading.FailedOp> failureList() {
        List<StatusReading.FailedOp> out = new ArrayList<>();
        for (StatusReading.FailedOp f : st.failedOps()) {
            if (!o.nodeShown(f.node()) || MonFormat.maskedProbeFailure(f.op())) {
                continue;
            }
            if (!o.onlyResources().isEmpty() && !o.onlyResources().contains(f.resource())) {
                continue;
            }
            out.add(f);
        }
        return out;
    }

    private void failures() {
        boolean any = false;
        for (StatusReading.FailedOp f : failureList()) {
            if (!any) {
                header("Failed Resource Actions");
                any = true;
            }
            line(1, o.detail() ? MonFormat.failedTechnical(f, zone) : MonFormat.failedFriendly(f, zone));
        }
    }
}
