package org.vigil.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;
import org.vigil.controller.NodeStatus;
import org.vigil.metrics.PrometheusTextFormat;

/**
 * Two daemons on loopback with {@code vigil { metrics_port }}: a resource, a group, a clone, a location
 * constraint and a node attribute committed through the DC; /metrics of a node is read over HTTP and parsed by
 * a strict reader of the exposition format, and every ha_cluster_exporter family carries its exact label set.
 */
@Timeout(90)
class MetricsEndpointTest {
    @TempDir
    Path dir;

    private final Map<String, NodeRunner.Running> nodes = new LinkedHashMap<>();

    @AfterEach
    void stopAll() {
        nodes.values().forEach(NodeRunner.Running::close);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private Path config(int port, int metricsPort) throws Exception {
        Path f = dir.resolve("corosync.conf");
        Files.writeString(f, """
                totem {
                    cluster_name: pair
                    interface {
                        ringnumber: 0
                        mcastport: %d
                    }
                }
                nodelist {
                    node {
                        name: alpha
                        nodeid: 1
                        ring0_addr: 127.0.0.1
                    }
                    node {
                        name: beta
                        nodeid: 2
                        ring0_addr: 127.0.0.2
                    }
                }
                quorum {
                    provider: corosync_votequorum
                    two_node: 1
                }
                logging {
                    to_stderr: yes
                }
                vigil {
                    metrics_port: %d
                }
                """.formatted(port, metricsPort));
        return f;
    }

    private void await(String what, Supplier<Boolean> ok) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 40_000;
        while (System.currentTimeMillis() < deadline) {
            if (ok.get()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not within 40 s: " + what);
    }

    @Test
    void metricsCarryEveryHaClusterExporterFamilyWithItsLabels() throws Exception {
        int metricsPort = freePort();
        Path conf = config(freePort(), metricsPort);
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        for (String n : List.of("alpha", "beta")) {
            nodes.put(n, NodeRunner.start(conf, n, new NodeRunner.Options(dir.resolve("state-" + n),
                    Duration.ofSeconds(10), dir.resolve("state-" + n + "/vigil.sock").toString()),
                    new DaemonLog(new PrintStream(logs, true, StandardCharsets.UTF_8))));
        }
        ClusterDaemon alpha = nodes.get("alpha").daemon();
        await("a DC for both", () -> alpha.view() != null && alpha.view().dc() != null && alpha.view().members().size() == 2
                && alpha.cib().configuration().nodes().size() == 2);
        Cib current = alpha.cib();
        String dummy = "class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"";
        Cib proposed = CibXml.parse(CibXml.write(current)
                .replace("<resources/>", "<resources><primitive id=\"d1\" " + dummy + "/>"
                        + "<group id=\"g1\"><primitive id=\"d2\" " + dummy + "/></group>"
                        + "<clone id=\"c1\"><primitive id=\"d3\" " + dummy + "/></clone></resources>")
                .replace("<constraints/>", "<constraints><rsc_location id=\"loc-d1\" rsc=\"d1\" node=\"alpha\""
                        + " score=\"100\"/></constraints>")
                .replace("<crm_config/>", "<crm_config><cluster_property_set id=\"opts\"><nvpair id=\"opts-stonith\""
                        + " name=\"stonith-enabled\" value=\"false\"/></cluster_property_set></crm_config>"));
        proposed = NodeStatus.setTransient(proposed, "beta", "site", "left \"wing\"");
        alpha.commit(proposed, current.version()).get(20, TimeUnit.SECONDS);
        await("d1, d2 and both d3 instances started", () -> {
            String text = scrape("127.0.0.1", metricsPort);
            return text.contains("resource=\"d1\"") && text.contains("resource=\"d2\"")
                    && text.split("resource=\"d3\",role=\"started\"").length == 3;
        });
        String text = scrape("127.0.0.1", metricsPort);
        Map<String, PrometheusTextFormat.Family> families = PrometheusTextFormat.parse(text);

        Map<String, Set<String>> labels = Map.ofEntries(
                Map.entry("ha_cluster_pacemaker_nodes", Set.of("node", "type", "status")),
                Map.entry("ha_cluster_pacemaker_resources",
                        Set.of("node", "resource", "role", "managed", "status", "agent", "group", "clone")),
                Map.entry("ha_cluster_pacemaker_fail_count", Set.of("node", "resource")),
                Map.entry("ha_cluster_pacemaker_migration_threshold", Set.of("node", "resource")),
                Map.entry("ha_cluster_pacemaker_location_constraints", Set.of("constraint", "node", "resource", "role")),
                Map.entry("ha_cluster_pacemaker_node_attributes", Set.of("node", "name", "value")),
                Map.entry("ha_cluster_pacemaker_config_last_change", Set.of()),
                Map.entry("ha_cluster_pacemaker_stonith_enabled", Set.of()),
                Map.entry("ha_cluster_pacemaker_maintenance_mode_enabled", Set.of()),
                Map.entry("ha_cluster_corosync_quorate", Set.of()),
                Map.entry("ha_cluster_corosync_quorum_votes", Set.of("type")),
                Map.entry("ha_cluster_corosync_member_votes", Set.of("node_id", "node", "local")),
                Map.entry("ha_cluster_corosync_rings", Set.of("ring_id", "node_id", "number", "address")),
                Map.entry("ha_cluster_corosync_ring_errors", Set.of()));
        // the Prometheus project's own parser (its Python client) reads every family the same way
        String noPython = org.vigil.metrics.PythonPrometheusParser.unavailable();
        if (noPython == null) {
            var real = org.vigil.metrics.PythonPrometheusParser.parse(text);
            for (var e : labels.entrySet()) {
                var f = real.get(e.getKey());
                assertTrue(f != null, "prometheus_client found no family " + e.getKey());
                assertEquals("gauge", f.type(), e.getKey());
                assertEquals(Set.of(String.join(",", new TreeSet<>(e.getValue()))), f.labelSets(), e.getKey());
            }
        } else {
            System.out.println("MetricsEndpointTest: the check with Prometheus' own parser is skipped: " + noPython
                    + " (.ci/run installs python3-prometheus-client)");
        }
        for (var e : labels.entrySet()) {
            PrometheusTextFormat.Family f = families.get(e.getKey());
            assertTrue(f != null && !f.samples().isEmpty(), "no samples of " + e.getKey() + " in\n" + text);
            assertEquals("gauge", f.type(), e.getKey());
            for (var s : f.samples()) {
                assertEquals(e.getValue(), s.labels().keySet(), e.getKey() + " " + s);
            }
        }
        assertEquals(Set.of("alpha|member|online", "alpha|member|expected_up", "beta|member|online",
                "beta|member|expected_up", alpha.view().dc() + "|member|dc"),
                families.get("ha_cluster_pacemaker_nodes").samples().stream()
                        .map(s -> s.labels().get("node") + "|" + s.labels().get("type") + "|" + s.labels().get("status"))
                        .collect(Collectors.toSet()));
        Set<String> resources = families.get("ha_cluster_pacemaker_resources").samples().stream()
                .map(s -> s.labels().get("resource") + "|" + s.labels().get("group") + "|" + s.labels().get("clone")
                        + "|" + s.labels().get("agent") + "|" + s.labels().get("status") + "|" + s.labels().get("managed"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(Set.of("d1|||ocf:heartbeat:Dummy|active|true", "d2|g1||ocf:heartbeat:Dummy|active|true",
                "d3||c1|ocf:heartbeat:Dummy|active|true")), resources);
        assertTrue(families.get("ha_cluster_pacemaker_resources").samples().stream().anyMatch(s ->
                s.labels().get("resource").equals("d1") && s.labels().get("node").equals("alpha")), text);
        var loc = families.get("ha_cluster_pacemaker_location_constraints").samples().get(0);
        assertEquals(Map.of("constraint", "loc-d1", "node", "alpha", "resource", "d1", "role", ""), loc.labels());
        assertEquals(100.0, loc.value());
        var attr = families.get("ha_cluster_pacemaker_node_attributes").samples().stream()
                .filter(s -> s.labels().get("name").equals("site")).findFirst().orElseThrow();
        assertEquals("left \"wing\"", attr.labels().get("value"), "label values are escaped and read back");
        assertEquals(0.0, families.get("ha_cluster_pacemaker_stonith_enabled").samples().get(0).value());
        assertEquals(1.0, families.get("ha_cluster_corosync_quorate").samples().get(0).value());
        assertEquals(Set.of("1|alpha|true|1.0", "2|beta|false|1.0"), families.get("ha_cluster_corosync_member_votes")
                .samples().stream().map(s -> s.labels().get("node_id") + "|" + s.labels().get("node") + "|"
                        + s.labels().get("local") + "|" + s.value()).collect(Collectors.toSet()));
        assertEquals(Map.of("ring_id", "1/0", "node_id", "1", "number", "0", "address", "127.0.0.1"),
                families.get("ha_cluster_corosync_rings").samples().get(0).labels());
        assertTrue(families.get("ha_cluster_pacemaker_config_last_change").samples().get(0).value() > 1.7e9);
        // Vigil's own, on the DC: its transitions and scheduler runs
        String dcAddress = alpha.view().dc().equals("alpha") ? "127.0.0.1" : "127.0.0.2";
        String ownText = scrape(dcAddress, metricsPort);
        var own = PrometheusTextFormat.parse(ownText);
        assertTrue(own.containsKey("vigil_transitions_total"), ownText);
        assertTrue(own.get("vigil_transitions_total").samples().stream().anyMatch(s ->
                s.labels().get("result").equals("complete") && s.value() >= 1), "transitions counted");
        assertTrue(own.get("vigil_scheduler_run_seconds").samples().stream().anyMatch(s ->
                s.name().equals("vigil_scheduler_run_seconds_count") && s.value() >= 1));
        assertTrue(own.get("vigil_transition_actions_total").samples().stream().anyMatch(s ->
                s.labels().equals(Map.of("task", "start", "result", "ok")) && s.value() >= 4));
        assertTrue(families.containsKey("vigil_cib_commits_total"), text);
        var commits = families.get("vigil_cib_commits_total").samples().stream()
                .filter(s -> s.labels().get("result").equals("ok")).findFirst().orElseThrow();
        assertEquals(1.0, commits.value(), "the commit made through alpha");
        assertTrue(own.containsKey("vigil_fence_operations_total") && own.containsKey("vigil_failover_seconds"));
    }

    private static String scrape(String host, int port) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://" + host + ":" + port + "/metrics")).header("Accept", "text/plain")
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
                    r.headers().toString());
            return r.body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
