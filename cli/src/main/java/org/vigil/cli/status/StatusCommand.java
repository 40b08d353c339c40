package org.vigil.cli.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vigil.agents.OcfStatus;
import org.vigil.cib.Cib;
import org.vigil.cib.Clone;
import org.vigil.cib.Configuration;
import org.vigil.cib.Group;
import org.vigil.cib.LocationConstraint;
import org.vigil.cib.LrmRscOp;
import org.vigil.cib.NvSets;
import org.vigil.cib.Primitive;
import org.vigil.cib.Resource;
import org.vigil.cib.Resources;
import org.vigil.cli.CibCommand;
import org.vigil.cli.CliContext;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.QuickParsable;
import org.vigil.ipc.ClusterState;
import org.vigil.ipc.FenceOutcome;
import org.vigil.scheduler.StatusReader;
import org.vigil.scheduler.StatusReading;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code crm status}: the {@code crm_mon -1} view of the cluster. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show the cluster state (the crm_mon -1 view).",
            "Summary, nodes, resources with their roles and nodes, failed actions, and move/ban constraints left",
            "behind by 'crm resource move/ban'."},
        footer = {"", "Examples:", "  crm status", "  crm status --output-as json | jq .resources", "",
            "Exit codes: 0 ok, 1 error (CIB unreadable or not available), 2 usage error."})
public final class StatusCommand extends CibCommand implements QuickParsable {
    public enum Format { text, json, xml }

    @Option(names = "--output-as", paramLabel = "FORMAT", description = "text (default), xml (crm_mon's) or json")
    Format format = Format.text;

    @Option(names = {"-1", "--one-shot"}, description = "accepted for crm_mon compatibility (always one-shot)")
    boolean oneShot;

    @Option(names = {"-r", "--inactive"}, description = "accepted for crm_mon compatibility (crm status always shows"
            + " inactive resources, as crmsh's does)")
    boolean inactive;

    public StatusCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public List<String> quickOptions() {
        return List.of("format --output-as", "oneShot -1 --one-shot", "inactive -r --inactive");
    }

    @Override
    public Integer call() {
        java.util.EnumSet<MonOptions.Section> sections = format == Format.xml
                ? java.util.EnumSet.allOf(MonOptions.Section.class) : MonOptions.defaults();
        return show(new MonOptions(sections, true, false, false, false, false, List.of(), List.of()), format.name(),
                true, "crm_mon --output-as xml");
    }

    /**
     * crm_mon's view with these options ({@code format}: text, json, xml or legacy-xml).
     *
     * @param request the command line an XML answer names
     */
    public int show(MonOptions opts, String format, String request) {
        return show(opts, format, false, request);
    }

    private int show(MonOptions opts, String format, boolean vigilExtras, String request) {
        // live: the daemon's view first, so a daemon that is not running is reported before anything else
        ClusterState live = live() ? clusterState(vigilExtras ? "crm status" : "crm_mon") : null;
        Cib cib = client().read();
        switch (format) {
            case "json" -> {
                ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                try {
                    ctx.out().println(m.writeValueAsString(json(cib, live)));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new CliException("cannot write JSON: " + e.getMessage());
                }
            }
            case "xml", "legacy-xml" -> ctx.out().print(xml(cib, live, opts, format.equals("xml") ? request : null));
            default -> {
                ctx.out().print(text(cib, live, opts));
                if (vigilExtras) {
                    ctx.out().print(extras(cib, live));
                }
            }
        }
        return ExitCodes.OK;
    }

    String text(Cib cib) {
        return text(cib, null, new MonOptions(MonOptions.defaults(), true, false, false, false, false, List.of(),
                List.of())) + extras(cib, null);
    }

    /** The CIB's status read through the scheduler's unpack; live, with the daemon's membership and DC. */
    private StatusReading reading(Cib cib, ClusterState live, MonOptions opts) {
        // as Pacemaker's crm_mon: the constraints (and so the tickets' loss policies) are unpacked only when a
        // section that needs them is shown
        boolean constraints = opts.has(MonOptions.Section.bans) || opts.has(MonOptions.Section.tickets);
        StatusReading st = StatusReader.read(cib, ctx.clock().instant(), constraints);
        if (live == null) {
            return st;
        }
        // live: the daemon's membership, DC and quorum are newer than the CIB's node_state
        List<StatusReading.NodeInfo> nodes = new ArrayList<>();
        for (StatusReading.NodeInfo n : NodeView.live(st, live.members())) {
            nodes.add(n.withMembership(n.online(), n.unclean(), n.name().equals(live.dc())));
        }
        return new StatusReading(st.properties(), st.fencingEnabled(), st.symmetric(), st.maintenanceMode(), nodes,
                st.resources(), st.failedOps(), st.frozen());
    }

    /** crm_mon's XML; {@code request} null: the legacy {@code <crm_mon>} document of {@code crm_mon -X}. */
    String xml(Cib cib, ClusterState live, MonOptions opts, String request) {
        MonXml.Live l = live == null ? null : new MonXml.Live("vigil", live.version(), live.quorate());
        return MonXml.render(cib, reading(cib, live, opts), opts, zone(), ctx.clock().instant(), l, request);
    }

    /** crm_mon's layout of the CIB's status, read through the scheduler's unpack. */
    String text(Cib cib, ClusterState live, MonOptions opts) {
        StatusReading st = reading(cib, live, opts);
        if (live == null) {
            return MonText.render(cib, st, opts, zone(), ctx.clock().instant());
        }
        String text = MonText.render(cib, st, opts, zone(), ctx.clock().instant());
        String dc = live.dc() == null ? "NONE (election in progress)" : live.dc()
                + " (version " + live.version() + ")";
        text = text.replaceFirst("(?m)^  \\* Stack: .*$", "  * Stack: vigil")
                .replaceFirst("(?m)^  \\* Current DC: .*$", java.util.regex.Matcher.quoteReplacement("  * Current DC: "
                        + dc + " - partition " + (live.quorate() ? "with" : "WITHOUT") + " quorum"));
        if (!live.strangers().isEmpty()) {
            text = text.replaceFirst("(?m)^(  \\* Online: .*)$", java.util.regex.Matcher.quoteReplacement("$1")
                    + "\n  * Members not in the nodelist (no votes): [ "
                    + java.util.regex.Matcher.quoteReplacement(String.join(" ", live.strangers())) + " ]");
        }
        return text;
    }

    /** The local zone crm_mon prints times in: TZ from the environment, else the JVM's. */
    private java.time.ZoneId zone() {
        return org.vigil.cli.LocalZone.of(ctx.env("TZ"));
    }

    /** What Vigil adds after crm_mon's sections: move/ban leftovers; live, the rings and fencing history. */
    String extras(Cib cib, ClusterState live) {
        StringBuilder sb = new StringBuilder();
        List<LocationConstraint> moves = MoveConstraints.all(cib.configuration());
        if (!moves.isEmpty()) {
            sb.append("\nMove/ban constraints left in place (they stay until cleared):\n");
            moves.forEach(l -> sb.append("  * ").append(MoveConstraints.describe(l)).append('\n'));
        }
        if (live != null) {
            sb.append("\nRings (seen from ").append(live.localNode()).append("):\n");
            if (live.rings().isEmpty()) {
                sb.append("  * none reported\n");
            }
            live.rings().forEach(r -> sb.append("  * ").append(r).append('\n'));
            if (!live.fencingHistory().isEmpty()) {
                sb.append("\nFencing History:\n");
                live.fencingHistory().forEach(f -> sb.append("  * ").append(fenceLine(f)).append('\n'));
            }
        }
        return sb.toString();
    }

    /** crm_mon's wording: {@code reboot of node3 successful: ..., completed='...'}. */
    static String fenceLine(FenceOutcome f) {
        StringBuilder sb = new StringBuilder();
        sb.append(f.action()).append(" of ").append(f.target()).append(' ').append(switch (f.status()) {
            case DONE -> "successful";
            case FAILED -> "failed";
            case PENDING -> "pending";
        }).append(':');
        List<String> parts = new ArrayList<>();
        if (f.device() != null) {
            parts.add("device=" + f.device());
        }
        if (f.origin() != null) {
            parts.add("origin=" + f.origin());
        }
        if (f.completedAt() != null) {
            parts.add((f.status() == FenceOutcome.Status.FAILED ? "last-failed='" : "completed='")
                    + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).format(f.completedAt().atZone(ZoneOffset.UTC)) + "Z'");
        }
        if (!f.reason().isEmpty()) {
            parts.add("reason='" + f.reason() + "'");
        }
        sb.append(parts.isEmpty() ? "" : " " + String.join(", ", parts));
        return sb.toString();
    }

    private static String dc(Cib cib, List<NodeView> nodes) {
        String uuid = cib.attribute("dc-uuid");
        if (uuid == null) {
            return "NONE";
        }
        return nodes.stream().filter(n -> uuid.equals(n.id())).map(n -> n.name() + " (" + uuid + ")").findFirst()
                .orElse(uuid);
    }

    static String failureLine(OperationHistory.Failure f) {
        LrmRscOp op = f.op();
        StringBuilder sb = new StringBuilder();
        sb.append(f.resource()).append('_').append(op.operation()).append('_').append(op.intervalMs())
                .append(" on ").append(f.node()).append(" '").append(OcfStatus.text(op.rc())).append("' (").append(op.rc())
                .append("): call=").append(op.call()).append(", status='").append(statusText(op.status()))
                .append('\'');
        if (op.exitReason() != null && !op.exitReason().isEmpty()) {
            sb.append(", exitreason='").append(op.exitReason()).append('\'');
        }
        if (op.lastRcChange() != null) {
            sb.append(", last-rc-change='").append(java.time.Instant.ofEpochSecond(op.lastRcChangeSeconds()))
                    .append('\'');
        }
        if (op.execTime() != null) {
            sb.append(", exec=").append(op.execTime()).append("ms");
        }
        return sb.toString();
    }

    static String statusText(int s) {
        return switch (s) {
            case 0 -> "complete";
            case 1 -> "Cancelled";
            case 2 -> "Timed Out";
            case 3 -> "NOT SUPPORTED";
            case 4 -> "Error";
            case 5 -> "Not installed";
            default -> "status " + s;
        };
    }

    /** Instances as crm_mon counts them: clone members times clone-max (default: the number of nodes). */
    static int instances(Configuration conf, int nodes) {
        int n = 0;
        for (Resource r : conf.resources()) {
            n += instances(r, nodes);
        }
        return n;
    }

    private static int instances(Resource r, int nodes) {
        if (r instanceof Primitive) {
            return 1;
        }
        if (r instanceof Group g) {
            return g.children().stream().mapToInt(c -> instances(c, nodes)).sum();
        }
        if (r instanceof Clone c) {
            int max = NvSets.firstValue(c.metaAttributes(), "clone-max").map(v -> {
                try {
                    return Integer.parseInt(v.trim());
                } catch (NumberFormatException e) {
                    return nodes;
                }
            }).orElse(nodes);
            return c.child() == null ? 0 : max * instances(c.child(), nodes);
        }
        return 0;
    }

    Map<String, Object> json(Cib cib) {
        return json(cib, null);
    }

    Map<String, Object> json(Cib cib, ClusterState live) {
        Configuration conf = cib.configuration();
        StatusReading st = StatusReader.read(cib, ctx.clock().instant());
        OperationHistory h = OperationHistory.of(st);
        List<NodeView> nodes = NodeView.of(st, live == null ? null : live.members());
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("source", client().describe());
        if (live != null) {
            summary.put("stack", "vigil");
            summary.put("localNode", live.localNode());
            summary.put("dc", live.dc());
            summary.put("quorate", live.quorate());
            summary.put("votes", live.votes());
            summary.put("expectedVotes", live.expectedVotes());
            summary.put("members", live.members());
            summary.put("strangers", live.strangers());
            summary.put("version", live.version());
        }
        summary.put("cibVersion", cib.version().toString());
        summary.put("nodesConfigured", nodes.size());
        summary.put("resourceInstancesConfigured", instances(conf, Math.max(1, nodes.size())));
        summary.put("maintenanceMode", org.vigil.cib.Booleans.isTrue(
                NvSets.unconditional(conf.clusterProperties()).get("maintenance-mode")));
        root.put("summary", summary);
        List<Map<String, Object>> nl = new ArrayList<>();
        for (NodeView n : nodes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", n.name());
            m.put("id", n.id());
            m.put("online", n.online());
            m.put("standby", n.standby());
            m.put("maintenance", n.maintenance());
            m.put("unclean", n.unclean());
            nl.add(m);
        }
        root.put("nodes", nl);
        List<Map<String, Object>> rl = new ArrayList<>();
        for (Resource r : Resources.flatten(conf.resources())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id());
            m.put("variant", r.getClass().getSimpleName().toLowerCase(Locale.ROOT));
            if (r instanceof Primitive p) {
                m.put("agent", p.template() != null ? "@" + p.template() : p.agent());
                Map<String, String> where = new LinkedHashMap<>();
                for (String n : h.activeNodes(p.id())) {
                    where.put(n, h.role(p.id(), n).name().toLowerCase(Locale.ROOT));
                }
                m.put("active", where);
                m.put("targetRole", NvSets.firstValue(p.metaAttributes(), "target-role").orElse(null));
            } else if (r instanceof Clone c) {
                m.put("promotable", c.promotable());
                m.put("child", c.child() == null ? null : c.child().id());
            } else if (r instanceof Group g) {
                m.put("members", g.children().stream().map(Resource::id).toList());
            }
            rl.add(m);
        }
        root.put("resources", rl);
        List<Map<String, Object>> fl = new ArrayList<>();
        for (OperationHistory.Failure f : h.failures()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("resource", f.resource());
            m.put("node", f.node());
            m.put("operation", f.op().operation());
            m.put("intervalMs", f.op().intervalMs());
            m.put("rc", f.op().rc());
            m.put("rcText", OcfStatus.text(f.op().rc()));
            m.put("status", statusText(f.op().status()));
            m.put("call", f.op().call());
            m.put("exitReason", f.op().exitReason());
            fl.add(m);
        }
        root.put("failedActions", fl);
        List<Map<String, Object>> ml = new ArrayList<>();
        for (LocationConstraint l : MoveConstraints.all(conf)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", l.id());
            m.put("resource", l.rsc());
            m.put("node", l.node());
            m.put("score", l.score());
            ml.add(m);
        }
        root.put("moveConstraints", ml);
        if (live != null) {
            root.put("rings", live.rings());
            List<Map<String, Object>> fh = new ArrayList<>();
            for (FenceOutcome f : live.fencingHistory()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("target", f.target());
                m.put("action", f.action());
                m.put("status", f.status().name().toLowerCase(Locale.ROOT));
                m.put("device", f.device());
                m.put("origin", f.origin());
                m.put("completedAt", f.completedAt() == null ? null : f.completedAt().toString());
                m.put("reason", f.reason());
                fh.add(m);
            }
            root.put("fencingHistory", fh);
        }
        return root;
    }
}
