package org.vigil.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.vigil.cib.Constraint;
import org.vigil.cib.FailCounts;
import org.vigil.cib.LocationConstraint;
import org.vigil.cib.LrmResource;
import org.vigil.cib.NodeState;
import org.vigil.cib.NvPair;
import org.vigil.cib.NvSet;
import org.vigil.cib.Score;
import org.vigil.scheduler.StatusReader;
import org.vigil.scheduler.StatusReading;

/**
 * ha_cluster_exporter's pacemaker and corosync metrics, same names, labels and values, so its Grafana
 * dashboards work unchanged; computed at each scrape from the node's {@link NodeSnapshot} (the status through
 * the scheduler's own unpack, as {@code crm status} reads it).
 */
public final class PacemakerCollector implements MultiCollector {
    private final Supplier<NodeSnapshot> source;

    public PacemakerCollector(Supplier<NodeSnapshot> source) {
        this.source = source;
    }

    @Override
    public MetricSnapshots collect() {
        NodeSnapshot s = source.get();
        if (s == null || s.cib() == null) {
            return new MetricSnapshots();
        }
        StatusReading status = StatusReader.read(s.cib(), Instant.now());
        List<MetricSnapshot> out = new ArrayList<>();
        out.add(nodes(status));
        out.add(resources(status));
        failCounts(s, status, out);
        out.add(locations(s));
        out.add(nodeAttributes(s));
        out.add(gauge("ha_cluster_pacemaker_config_last_change",
                "The timestamp of the last change of the cluster configuration", Labels.EMPTY,
                s.configChanged() == null ? 0 : s.configChanged().getEpochSecond()));
        out.add(gauge("ha_cluster_pacemaker_stonith_enabled", "Whether or not stonith is enabled", Labels.EMPTY,
                status.fencingEnabled() ? 1 : 0));
        out.add(gauge("ha_cluster_pacemaker_maintenance_mode_enabled", "Whether or not cluster wide maintenance mode is enabled",
                Labels.EMPTY, status.maintenanceMode() ? 1 : 0));
        corosync(s, out);
        return new MetricSnapshots(out);
    }

    private static GaugeSnapshot nodes(StatusReading status) {
        List<GaugeDataPointSnapshot> points = new ArrayList<>();
        for (StatusReading.NodeInfo n : status.nodes()) {
            Map<String, Boolean> flags = new LinkedHashMap<>();
            flags.put("online", n.online());
            flags.put("standby", n.standby());
            flags.put("maintenance", n.maintenance());
            flags.put("pending", n.pending());
            flags.put("unclean", n.unclean());
            flags.put("shutdown", n.shutdown());
            flags.put("expected_up", n.expectedUp());
            flags.put("dc", n.dc());
            flags.forEach((flag, on) -> {
                if (on) {
                    points.add(point(1, "node", n.name(), "type", "member", "status", flag));
                }
            });
        }
        return family("ha_cluster_pacemaker_nodes", "The nodes in the cluster; one line per name, type and status",
                points);
    }

    private static GaugeSnapshot resources(StatusReading status) {
        List<GaugeDataPointSnapshot> points = new ArrayList<>();
        for (StatusReading.Item top : status.resources()) {
            primitives(top, "", "", false, points);
        }
        return family("ha_cluster_pacemaker_resources",
                "The resources in the cluster; one line per id, node, role, managed, status, agent, group and clone",
                points);
    }

    private static void primitives(StatusReading.Item item, String group, String clone, boolean anonymous,
            List<GaugeDataPointSnapshot> points) {
        switch (item.kind()) {
            case "clone" -> item.children().forEach(c -> primitives(c, group, item.id(), !item.unique(), points));
            // a bundle's replicas' parts (its primitive's instances named as an anonymous clone's)
            case "bundle" -> item.children().forEach(c -> primitives(c, group, item.id(), !item.unique(), points));
            case "group" -> item.children().forEach(c -> primitives(c, baseId(item.id(), anonymous), clone, anonymous,
                    points));
            default -> {
                String id = baseId(item.id(), anonymous);
                String agent = item.resourceClass() + ":" + (item.provider() == null ? "" : item.provider() + ":")
                        + item.type();
                List<String> statuses = new ArrayList<>();
                if (!item.nodes().isEmpty()) {
                    statuses.add("active");
                }
                if (item.orphan()) {
                    statuses.add("orphaned");
                }
                if (item.blocked()) {
                    statuses.add("blocked");
                }
                if (item.failed()) {
                    statuses.add("failed");
                }
                if (item.failureIgnored()) {
                    statuses.add("failure_ignored");
                }
                List<String> where = item.nodes().isEmpty() ? List.of("") : item.nodes();
                for (String node : where) {
                    for (String st : statuses) {
                        points.add(point(1, "node", node, "resource", id, "role", item.role().toLowerCase(
                                java.util.Locale.ROOT), "managed", String.valueOf(item.managed()), "status", st,
                                "agent", agent, "group", group, "clone", clone));
                    }
                }
            }
        }
    }

    /** crm_mon names an anonymous clone's instances by the clone's primitive, without the instance number. */
    private static String baseId(String id, boolean anonymous) {
        return anonymous ? org.vigil.cib.ResourceInstance.baseOf(id) : id;
    }

    private static void failCounts(NodeSnapshot s, StatusReading status, List<MetricSnapshot> out) {
        Map<String, Integer> thresholds = new LinkedHashMap<>();
        collectThresholds(status.resources(), false, thresholds);
        List<GaugeDataPointSnapshot> fails = new ArrayList<>();
        List<GaugeDataPointSnapshot> limits = new ArrayList<>();
        for (NodeState ns : s.cib().status().nodeStates()) {
            if (ns.lrm() == null) {
                continue;
            }
            java.util.Set<String> seen = new java.util.TreeSet<>();
            for (LrmResource r : ns.lrm().resources()) {
                String id = r.id();
                if (!seen.add(id)) {
                    continue;
                }
                fails.add(point(FailCounts.total(ns, id), "node", ns.uname(), "resource", id));
                limits.add(point(thresholds.getOrDefault(id, Score.INFINITY), "node", ns.uname(), "resource", id));
            }
        }
        out.add(family("ha_cluster_pacemaker_fail_count", "The fail count per node and resource", fails));
        out.add(family("ha_cluster_pacemaker_migration_threshold",
                "The migration threshold per node and resource", limits));
    }

    private static void collectThresholds(List<StatusReading.Item> items, boolean anonymous, Map<String, Integer> into) {
        for (StatusReading.Item i : items) {
            if (i.kind().equals("primitive")) {
                into.putIfAbsent(baseId(i.id(), anonymous), i.migrationThreshold());
                into.putIfAbsent(i.id(), i.migrationThreshold());
            } else {
                collectThresholds(i.children(), anonymous || i.kind().equals("clone") && !i.unique(), into);
            }
        }
    }

    private static GaugeSnapshot locations(NodeSnapshot s) {
        List<GaugeDataPointSnapshot> points = new ArrayList<>();
        for (Constraint c : s.cib().configuration().constraints()) {
            if (c instanceof LocationConstraint l && l.node() != null && l.rsc() != null && l.score() != null) {
                points.add(point(Score.parse(l.score()).orElse(0), "constraint", l.id(), "node", l.node(),
                        "resource", l.rsc(), "role", l.role() == null ? "" : l.role()));
            }
        }
        return family("ha_cluster_pacemaker_location_constraints",
                "Resource location constraints; the value is the score", points);
    }

    private static GaugeSnapshot nodeAttributes(NodeSnapshot s) {
        List<GaugeDataPointSnapshot> points = new ArrayList<>();
        for (NodeState ns : s.cib().status().nodeStates()) {
            if (ns.transientAttributes() == null) {
                continue;
            }
            Map<String, String> attrs = new java.util.TreeMap<>();
            for (NvSet set : ns.transientAttributes().sets()) {
                for (NvPair p : set.pairs()) {
                    attrs.putIfAbsent(p.name(), p.value() == null ? "" : p.value());
                }
            }
            attrs.forEach((name, value) -> points.add(point(1, "node", ns.uname(), "name", name, "value", value)));
        }
        return family("ha_cluster_pacemaker_node_attributes",
                "Metadata attributes of the cluster nodes; the value is always 1", points);
    }

    private static void corosync(NodeSnapshot s, List<MetricSnapshot> out) {
        boolean quorate = s.quorum() != null && s.quorum().quorate();
        out.add(gauge("ha_cluster_corosync_quorate", "Whether or not the cluster is quorate", Labels.EMPTY,
                quorate ? 1 : 0));
        List<GaugeDataPointSnapshot> votes = new ArrayList<>();
        if (s.quorum() != null) {
            votes.add(point(s.quorum().expectedVotes(), "type", "expected_votes"));
            votes.add(point(s.quorum().expectedVotes(), "type", "highest_expected"));
            votes.add(point(s.quorum().totalVotes(), "type", "total_votes"));
            votes.add(point(s.quorum().quorum(), "type", "quorum"));
        }
        out.add(family("ha_cluster_corosync_quorum_votes", "Cluster quorum votes; one line per type", votes));
        List<GaugeDataPointSnapshot> members = new ArrayList<>();
        int selfId = 0;
        for (NodeSnapshot.Member m : s.nodelist()) {
            if (m.name().equals(s.self())) {
                selfId = m.nodeId();
            }
            if (s.members().contains(m.name())) {
                members.add(point(m.votes(), "node_id", String.valueOf(m.nodeId()), "node", m.name(), "local",
                        String.valueOf(m.name().equals(s.self()))));
            }
        }
        out.add(family("ha_cluster_corosync_member_votes", "How many votes each member node has contributed with to the current quorum",
                members));
        List<GaugeDataPointSnapshot> rings = new ArrayList<>();
        int errors = 0;
        for (int ring = 0; ring < s.ringAddresses().size(); ring++) {
            String prefix = "ring " + ring + ":";
            int r = ring;
            boolean faulty = s.ringLines().stream().anyMatch(l -> l.startsWith(prefix) && l.contains("FAULTY"));
            if (faulty) {
                errors++;
            }
            rings.add(point(faulty ? 0 : 1, "ring_id", selfId + "/" + r, "node_id", String.valueOf(selfId), "number",
                    String.valueOf(r), "address", s.ringAddresses().get(r)));
        }
        out.add(family("ha_cluster_corosync_rings", "The status of each Corosync ring; 1 means healthy, 0 means faulty.",
                rings));
        out.add(gauge("ha_cluster_corosync_ring_errors", "The total number of faulty corosync rings", Labels.EMPTY,
                errors));
    }

    private static GaugeDataPointSnapshot point(double value, String... labels) {
        return GaugeDataPointSnapshot.builder().value(value).labels(Labels.of(labels)).build();
    }

    private static GaugeSnapshot gauge(String name, String help, Labels labels, double value) {
        return family(name, help, List.of(GaugeDataPointSnapshot.builder().value(value).labels(labels).build()));
    }

    private static GaugeSnapshot family(String name, String help, List<GaugeDataPointSnapshot> points) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        points.forEach(b::dataPoint);
        return b.build();
    }
}
