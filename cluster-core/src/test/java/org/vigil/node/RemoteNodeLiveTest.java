package org.vigil.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;
import org.vigil.ipc.ClusterState;

/**
 * A remote node for real: two cluster daemons ({@code vigild}, on 127.0.0.1 and 127.0.0.2) and a
 * {@code vigild remote} (on 127.0.0.1), each a process of its own, talked to as crm does (their IPC sockets). A
 * Dummy that prefers the remote node runs there (its state file is in the remote's HA_RSCTMP); the remote process
 * is killed with SIGKILL, and the Dummy must be running on a cluster node within a bounded time.
 */
@Timeout(180)
class RemoteNodeLiveTest extends LiveRemoteNodes {
    /** The bound the failover must meet (measured: see docs/vigild.md "Remote nodes"). */
    private static final Duration FAILOVER_LIMIT = Duration.ofSeconds(30);

    @Test
    void aResourceRunsOnTheRemoteNodeAndRecoversOnAClusterNodeWhenTheRemoteIsKilled() throws Exception {
        Path key = clusterKey();
        int remotePort = freePort("127.0.0.1");
        Process remote = vigild("remote", "remote", "--key", key.toString(), "--listen", "127.0.0.1", "--port",
                Integer.toString(remotePort), "--rsctmp", rsctmp(dir, "r1").toString());
        Path conf = config(key);
        for (String n : CLUSTER) {
            Path state = dir.resolve("state-" + n);
            vigild(n, "--config", conf.toString(), "--node", n, "--state-dir", state.toString(), "--socket",
                    state.resolve("vigil.sock").toString(), "--rsctmp", rsctmp(dir, n).toString());
        }
        await("the remote node listens", Duration.ofSeconds(60),
                () -> output.get("remote").toString().contains("remote node listening on 127.0.0.1:" + remotePort));
        await("one DC for both members", Duration.ofSeconds(60), () -> CLUSTER.stream().allMatch(n -> {
            ClusterState s = state(n);
            return s != null && s.dc() != null && s.members().equals(CLUSTER);
        }));
        String dc = state("alpha").dc();
        await("the DC wrote both nodes into the configuration", Duration.ofSeconds(30),
                () -> dcCib().configuration().nodes().size() == 2);
        Cib current = crm(dc).cib();
        String resources = """
                <primitive id="r1" class="ocf" provider="pacemaker" type="remote">\
                <instance_attributes id="r1-ia"><nvpair id="r1-server" name="server" value="127.0.0.1"/>\
                <nvpair id="r1-port" name="port" value="%d"/></instance_attributes>\
                <operations><op id="r1-mon" name="monitor" interval="1s" timeout="5s"/></operations></primitive>\
                <primitive id="d1" class="ocf" provider="heartbeat" type="Dummy">\
                <operations><op id="d1-mon" name="monitor" interval="2s"/></operations></primitive>""".formatted(remotePort);
        Cib proposed = CibXml.parse(CibXml.write(current)
                .replace("<resources/>", "<resources>" + resources + "</resources>")
                .replace("<constraints/>", "<constraints><rsc_location id=\"d1-on-r1\" rsc=\"d1\" node=\"r1\""
                        + " score=\"100\"/></constraints>")
                .replace("<crm_config/>", "<crm_config><cluster_property_set id=\"opts\"><nvpair id=\"opts-stonith\""
                        + " name=\"stonith-enabled\" value=\"false\"/></cluster_property_set></crm_config>"));
        crm(dc).commit(proposed, current.version());

        await("d1 started on the remote node r1, its state file on the remote's side, its monitor running",
                Duration.ofSeconds(60), () -> {
                    Cib c = dcCib();
                    return activeOn(c, "d1").equals(List.of("r1")) && monitored(c, "r1", "d1")
                            && Files.exists(rsctmp(dir, "r1").resolve("Dummy-d1.state"));
                });
        Cib before = dcCib();
        check(online(before, "r1"), "crm status shows the remote node online");
        List<String> connectionOn = activeOn(before, "r1");
        check(connectionOn.size() == 1 && CLUSTER.contains(connectionOn.get(0)),
                "the connection runs on one cluster node: " + connectionOn);
        for (String n : CLUSTER) {
            check(!Files.exists(rsctmp(dir, n).resolve("Dummy-d1.state")), "d1 did not run on " + n);
        }

        long t0 = System.nanoTime();
        remote.destroyForcibly(); // SIGKILL: the remote node's sockets close, nothing else is said
        await("d1 recovered on a cluster node", FAILOVER_LIMIT, () -> {
            List<String> on = activeOn(dcCib(), "d1");
            return on.size() == 1 && CLUSTER.contains(on.get(0));
        });
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Cib after = dcCib();
        String newNode = activeOn(after, "d1").get(0);
        System.out.println("remote node failover: d1 running on " + newNode + " " + ms + " ms after SIGKILL of the"
                + " remote node process");
        check(Files.exists(rsctmp(dir, newNode).resolve("Dummy-d1.state")), "d1 really started on " + newNode);
        await("crm status shows the remote node offline", Duration.ofSeconds(10), () -> !online(dcCib(), "r1"));
        assertFalse(activeOn(dcCib(), "d1").contains("r1"));
        assertEquals(List.of(), activeOn(dcCib(), "r1"), "the connection is stopped");
    }
}
