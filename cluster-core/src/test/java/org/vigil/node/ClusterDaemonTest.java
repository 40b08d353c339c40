package org.vigil.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;
import org.vigil.cib.LrmResource;
import org.vigil.cib.LrmRscOp;
import org.vigil.cib.NodeState;

/** Three daemons on loopback addresses in one JVM, each with its own state directory and real agents. */
@Timeout(90)
class ClusterDaemonTest {
    @TempDir
    Path dir;

    private final Map<String, NodeRunner.Running> nodes = new LinkedHashMap<>();
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    @AfterEach
    void stopAll() {
        nodes.values().forEach(NodeRunner.Running::close);
    }

    private Path config() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        Path f = dir.resolve("corosync.conf");
        Files.writeString(f, """
                totem {
                    cluster_name: trio
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
                    node {
                        name: gamma
                        nodeid: 3
                        ring0_addr: 127.0.0.3
                    }
                }
                quorum {
                    provider: corosync_votequorum
                }
                logging {
                    to_stderr: yes
                }
                """.formatted(port));
        return f;
    }

    private void startAll(Path conf, String... names) throws Exception {
        for (String n : names) {
            DaemonLog log = new DaemonLog(new PrintStream(logs, true, StandardCharsets.UTF_8));
            nodes.put(n, NodeRunner.start(conf, n, new NodeRunner.Options(dir.resolve("state-" + n),
                    Duration.ofSeconds(20), dir.resolve("state-" + n + "/vigil.sock").toString()), log));
        }
    }

    private void await(String what, Supplier<Boolean> ok) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            if (ok.get()) {
                return;
            }
            Thread.sleep(50);
        }
        String[] lines = logs.toString(StandardCharsets.UTF_8).split("\n");
        throw new AssertionError("not within 20 s: " + what + "\n... " + String.join("\n",
                java.util.Arrays.asList(lines).subList(Math.max(0, lines.length - 80), lines.length)));
    }

    /** alpha, beta and gamma up, one DC agreed by all, and its node list on every node. */
    private void startThreeSettled() throws Exception {
        startAll(config(), "alpha", "beta", "gamma");
        await("one DC for three members", () -> dc() != null && nodes.values().stream().allMatch(r ->
                r.daemon().view() != null && r.daemon().view().members().size() == 3
                        && dc().equals(r.daemon().view().dc())));
        await("every node has the DC's node list", () -> nodes.values().stream().allMatch(r ->
                r.daemon().cib().configuration().nodes().size() == 3));
    }

    private ClusterDaemon daemon(String n) {
        return nodes.get(n).daemon();
    }

    private String dc() {
        for (NodeRunner.Running r : nodes.values()) {
            if (r.daemon().isDc()) {
                return r.node();
            }
        }
        return null;
    }

    /** Where the DC's status says the resource was last started successfully and not stopped since. */
    private static List<String> runningOn(Cib cib, String rsc) {
        List<String> out = new ArrayList<>();
        for (NodeState s : cib.status().nodeStates()) {
            if (!"member".equals(s.join()) || s.lrm() == null) {
                continue;
            }
            for (LrmResource r : s.lrm().resources()) {
                if (r.id().equals(rsc)) {
                    LrmRscOp last = null;
                    for (LrmRscOp op : r.ops()) {
                        if (op.intervalMs() == 0 && (last == null || op.call() > last.call())) {
                            last = op;
                        }
                    }
                    if (last != null && last.rc() == 0 && (last.operation().equals("start")
                            || last.operation().equals("monitor"))) {
                        out.add(s.uname());
                    }
                }
            }
        }
        return out;
    }

    private Cib commit(String via, String resourcesXml) throws Exception {
        return commit(via, resourcesXml, "");
    }

    private Cib commit(String via, String resourcesXml, String constraintsXml) throws Exception {
        return commit(via, resourcesXml, constraintsXml, "");
    }

    private Cib commit(String via, String resourcesXml, String constraintsXml, String moreProperties)
            throws Exception {
        ClusterDaemon d = daemon(via);
        Cib current = d.cib();
        String xml = CibXml.write(current);
        Cib proposed = CibXml.parse(xml.replace("<resources/>", "<resources>" + resourcesXml + "</resources>")
                .replace("<constraints/>", "<constraints>" + constraintsXml + "</constraints>")
                .replace("<crm_config/>", "<crm_config><cluster_property_set id=\"opts\">"
                        + "<nvpair id=\"opts-stonith\" name=\"stonith-enabled\" value=\"false\"/>"
                        + moreProperties + "</cluster_property_set></crm_config>"));
        return d.commit(proposed, current.version()).get(10, TimeUnit.SECONDS);
    }

    @Test
    void configurationGoesThroughTheDcToEveryNodeIsStoredAndItsResourceRuns() throws Exception {
        startThreeSettled();
        String notDc = nodes.keySet().stream().filter(n -> !n.equals(dc())).findFirst().orElseThrow();
        Cib committed = commit(notDc, "<primitive id=\"d1\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
                + "<operations><op id=\"d1-mon\" name=\"monitor\" interval=\"2s\"/></operations></primitive>");
        assertTrue(committed.configuration().resource("d1").isPresent());
        await("d1 started on one node", () -> runningOn(daemon(dc()).cib(), "d1").size() == 1);
        for (String n : nodes.keySet()) {
            await(n + " has the configuration", () -> daemon(n).cib().configuration().resource("d1").isPresent());
            Path cibDir = dir.resolve("state-" + n).resolve("cib");
            await(n + " stored it", () -> {
                try {
                    return new CibStore(cibDir, 10).load().map(l -> l.cib().configuration().resource("d1")
                            .isPresent()).orElse(false);
                } catch (java.io.IOException e) {
                    return false;
                }
            });
        }
        // a change made from an outdated configuration is refused, not merged over the newer one
        ExecutionException stale = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> daemon(notDc).commit(committed.withConfiguration(committed.configuration()
                        .withResources(List.of())), new org.vigil.cib.CibVersion(0, 1, 0)).get(10, TimeUnit.SECONDS));
        assertEquals("CONFLICT", ((ClusterDaemon.Refused) stale.getCause()).kind());
    }

    @Test
    void resourceOfALostNodeIsRestartedOnAPeer() throws Exception {
        startThreeSettled();
        // keep the resource off the DC, so losing its node does not also mean electing a new DC
        String dc = dc();
        commit(dc, "<primitive id=\"d1\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
                + "<operations><op id=\"d1-mon\" name=\"monitor\" interval=\"2s\"/></operations></primitive>",
                "<rsc_location id=\"not-dc\" rsc=\"d1\" node=\"" + dc + "\" score=\"-INFINITY\"/>");
        await("d1 started", () -> runningOn(daemon(dc).cib(), "d1").size() == 1);
        String first = runningOn(daemon(dc).cib(), "d1").get(0);
        assertNotEquals(dc, first);
        nodes.remove(first).close();
        await("d1 restarted on the third node", () -> {
            List<String> on = runningOn(daemon(dc).cib(), "d1");
            return on.size() == 1 && !on.get(0).equals(first) && !on.get(0).equals(dc);
        });
    }

    @Test
    void minorityWithoutQuorumStopsItsResourceAndTheMajorityRunsItOnceAfterTheMerge() throws Exception {
        startThreeSettled();
        String dc = dc();
        commit(dc, "<primitive id=\"d1\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
                + "<operations><op id=\"d1-mon\" name=\"monitor\" interval=\"2s\"/></operations></primitive>",
                "<rsc_location id=\"not-dc\" rsc=\"d1\" node=\"" + dc + "\" score=\"-INFINITY\"/>",
                "<nvpair id=\"opts-nqp\" name=\"no-quorum-policy\" value=\"stop\"/>");
        await("d1 started", () -> runningOn(daemon(dc).cib(), "d1").size() == 1);
        String cut = runningOn(daemon(dc).cib(), "d1").get(0);
        List<org.vigil.membership.JGroupsMembership> rest = new ArrayList<>();
        for (NodeRunner.Running r : nodes.values()) {
            if (!r.node().equals(cut)) {
                rest.add(r.membership());
                org.vigil.membership.Faults.ignore(r.membership(), List.of(nodes.get(cut).membership()));
            }
        }
        org.vigil.membership.Faults.ignore(nodes.get(cut).membership(), rest);
        await(cut + " alone without quorum stops d1 (no-quorum-policy=stop)", () -> daemon(cut).isDc()
                && runningOn(daemon(cut).cib(), "d1").isEmpty()
                && daemon(cut).cib().status().nodeState(cut).map(s -> s.lrm() != null && s.lrm().resources()
                        .stream().anyMatch(r -> r.id().equals("d1"))).orElse(false));
        await("the majority restarted d1 on its other node", () -> {
            List<String> on = runningOn(daemon(dc).cib(), "d1");
            return on.size() == 1 && !on.get(0).equals(cut) && !on.get(0).equals(dc);
        });
        for (NodeRunner.Running r : nodes.values()) {
            org.vigil.membership.Faults.heal(r.membership());
        }
        await("merged under the majority's DC", () -> nodes.values().stream().allMatch(r ->
                r.daemon().view() != null && r.daemon().view().members().size() == 3
                        && dc.equals(r.daemon().view().dc())) && !daemon(cut).isDc());
        await(cut + "'s history is in and d1 runs once", () -> daemon(dc).cib().status().nodeState(cut)
                .map(s -> "member".equals(s.join())).orElse(false) && runningOn(daemon(dc).cib(), "d1").size() == 1);
        Thread.sleep(1000);
        assertEquals(1, runningOn(daemon(dc).cib(), "d1").size(), "still one copy");
    }

    @Test
    void crmTalksToAnyNodeOverItsSocket() throws Exception {
        startThreeSettled();
        String notDc = nodes.keySet().stream().filter(n -> !n.equals(dc())).findFirst().orElseThrow();
        org.vigil.ipc.IpcClient client = new org.vigil.ipc.IpcClient(dir.resolve("state-" + notDc + "/vigil.sock"));
        org.vigil.ipc.ClusterState state = client.state();
        assertEquals(notDc, state.localNode());
        assertEquals(dc(), state.dc());
        assertTrue(state.quorate());
        assertEquals(List.of("alpha", "beta", "gamma"), state.members());
        Cib before = client.cib();
        Cib proposed = CibXml.parse(CibXml.write(before).replace("<resources/>",
                "<resources><primitive id=\"d2\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/></resources>"));
        Cib committed = client.commit(proposed, before.version());
        assertEquals(before.version().epoch() + 1, committed.version().epoch());
        await("every node has d2", () -> nodes.values().stream().allMatch(r ->
                r.daemon().cib().configuration().resource("d2").isPresent()));
        org.vigil.ipc.ServiceException stale = org.junit.jupiter.api.Assertions.assertThrows(
                org.vigil.ipc.ServiceException.class, () -> client.commit(proposed, before.version()));
        assertEquals(org.vigil.ipc.ServiceException.Kind.CONFLICT, stale.kind());
        org.vigil.ipc.FenceOutcome fence = client.fence(dc(), "reboot", Duration.ofSeconds(10));
        assertEquals(org.vigil.ipc.FenceOutcome.Status.FAILED, fence.status(), "the DC does not fence itself");
    }

    /** Every file under each node's CIB directory, and each node's CIB as XML. */
    private Map<String, String> storedAndHeld() throws Exception {
        Map<String, String> out = new java.util.TreeMap<>();
        for (String n : nodes.keySet()) {
            out.put(n + " holds", CibXml.write(daemon(n).cib()));
            try (var files = Files.list(dir.resolve("state-" + n + "/cib"))) {
                for (Path f : files.toList()) {
                    out.put(f.toString(), java.util.HexFormat.of().formatHex(Files.readAllBytes(f)));
                }
            }
        }
        return out;
    }

    @Test
    void liveCommitIntroducingWhatCrmVerifyRejectsIsRefusedAndNothingChangesAnywhere() throws Exception {
        startThreeSettled();
        String notDc = nodes.keySet().stream().filter(n -> !n.equals(dc())).findFirst().orElseThrow();
        org.vigil.ipc.IpcClient client = new org.vigil.ipc.IpcClient(dir.resolve("state-" + notDc + "/vigil.sock"));
        Cib before = client.cib();
        Map<String, String> was = storedAndHeld();
        // sent straight to the socket, past crm's own check: the DC applies the same rule
        Cib proposed = CibXml.parse(CibXml.write(before).replace("<resources/>",
                "<resources><primitive id=\"d3\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"><operations>"
                        + "<op id=\"d3-start-10s\" name=\"start\" interval=\"10s\"/></operations></primitive>"
                        + "</resources>"));
        org.vigil.ipc.ServiceException refused = org.junit.jupiter.api.Assertions.assertThrows(
                org.vigil.ipc.ServiceException.class, () -> client.commit(proposed, before.version()));
        assertEquals(org.vigil.ipc.ServiceException.Kind.REJECTED, refused.kind());
        assertTrue(refused.getMessage().contains("d3") && refused.getMessage().contains("cannot be recurring")
                && !refused.getMessage().contains("\n"), refused.getMessage());
        Thread.sleep(1000);
        assertEquals(was, storedAndHeld(), "every node's stored and held CIB as it was");
        assertEquals(before.version(), client.cib().version());
    }
}
