package org.vigil.node;


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
 * A guest node for real, as Xen and KVM clusters run them: a container resource with {@code remote-node=g1}
 * (here the process agent running {@code vigild remote}, standing in for a virtual machine whose image starts
 * one; Xen itself is not available here) is started by the cluster, which then connects to the guest's executor
 * and runs a Dummy there. When the guest's executor dies (SIGKILL), the guest counts as failed: the container
 * is recovered, and the Dummy runs again within a bounded time.
 */
@Timeout(180)
class GuestNodeLiveTest extends LiveRemoteNodes {
    /** The bound the failover must meet (measured: see docs/vigild.md "Remote nodes"). */
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(60);

    @Test
    void aGuestNodeComesUpWithItsContainerRunsAResourceAndRecoversWhenItDies() throws Exception {
        Path key = clusterKey();
        int guestPort = freePort("127.0.0.1");
        Path conf = config(key);
        for (String n : CLUSTER) {
            Path state = dir.resolve("state-" + n);
            vigild(n, "--config", conf.toString(), "--node", n, "--state-dir", state.toString(), "--socket",
                    state.resolve("vigil.sock").toString(), "--rsctmp", rsctmp(dir, n).toString());
        }
        await("one DC for both members", Duration.ofSeconds(60), () -> CLUSTER.stream().allMatch(n -> {
            ClusterState s = state(n);
            return s != null && s.dc() != null && s.members().equals(CLUSTER);
        }));
        String dc = state("alpha").dc();
        await("the DC wrote both nodes into the configuration", Duration.ofSeconds(30),
                () -> dcCib().configuration().nodes().size() == 2);
        String guestCommand = guestCommand(key, guestPort, "g1");
        Path guestLog = dir.resolve("g1.log");
        Cib current = crm(dc).cib();
        String resources = """
                <primitive id="vm1" class="ocf" provider="vigil" type="process">\
                <instance_attributes id="vm1-ia"><nvpair id="vm1-cmd" name="command" value="%s"/>\
                <nvpair id="vm1-log" name="logfile" value="%s"/><nvpair id="vm1-wait" name="startup_wait" value="1"/>\
                </instance_attributes>\
                <meta_attributes id="vm1-meta"><nvpair id="vm1-rn" name="remote-node" value="g1"/>\
                <nvpair id="vm1-ra" name="remote-addr" value="127.0.0.1"/>\
                <nvpair id="vm1-rp" name="remote-port" value="%d"/></meta_attributes>\
                <operations><op id="vm1-mon" name="monitor" interval="1s" timeout="10s"/></operations></primitive>\
                <primitive id="d1" class="ocf" provider="heartbeat" type="Dummy">\
                <operations><op id="d1-mon" name="monitor" interval="2s"/></operations></primitive>\
                """.formatted(guestCommand, guestLog, guestPort);
        Cib proposed = CibXml.parse(CibXml.write(current)
                .replace("<resources/>", "<resources>" + resources + "</resources>")
                .replace("<constraints/>", "<constraints><rsc_location id=\"d1-on-g1\" rsc=\"d1\" node=\"g1\""
                        + " score=\"100\"/></constraints>")
                .replace("<crm_config/>", "<crm_config><cluster_property_set id=\"opts\"><nvpair id=\"opts-stonith\""
                        + " name=\"stonith-enabled\" value=\"false\"/></cluster_property_set></crm_config>"));
        crm(dc).commit(proposed, current.version());

        await("d1 started on the guest node g1, its state file on the guest's side", RECOVERY_LIMIT, () -> {
            Cib c = dcCib();
            return activeOn(c, "d1").equals(List.of("g1")) && monitored(c, "g1", "d1")
                    && Files.exists(rsctmp(dir, "g1").resolve("Dummy-d1.state"));
        });
        Cib before = dcCib();
        check(online(before, "g1"), "crm status shows the guest node online");
        List<String> host = activeOn(before, "vm1");
        check(host.size() == 1 && CLUSTER.contains(host.get(0)), "the container runs on one cluster node: " + host);
        check(activeOn(before, "g1").equals(host), "the guest's connection runs beside its container: "
                + activeOn(before, "g1") + " and " + host);

        long guestPid = guestPid(host.get(0));
        long t0 = System.nanoTime();
        ProcessHandle.of(guestPid).orElseThrow().destroyForcibly(); // SIGKILL: the guest dies, nothing is said
        await("the container recovered (a new guest executor), the guest back online and d1 running again",
                RECOVERY_LIMIT, () -> {
                    Cib c = dcCib();
                    List<String> vm = activeOn(c, "vm1");
                    if (vm.size() != 1 || !online(c, "g1") || activeOn(c, "d1").size() != 1) {
                        return false;
                    }
                    long pid = guestPid(vm.get(0));
                    return pid > 0 && pid != guestPid && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                            && monitored(c, activeOn(c, "d1").get(0), "d1");
                });
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("guest node recovery: d1 running on " + activeOn(dcCib(), "d1").get(0) + " " + ms
                + " ms after SIGKILL of the guest's executor");
    }

    /** The guest executor's pid, from the process agent's pid file on {@code host} (0 while there is none). */
    private long guestPid(String host) {
        try {
            return Long.parseLong(Files.readString(rsctmp(dir, host).resolve("process-vm1.pid")).trim().split("\\s+")[0]);
        } catch (java.io.IOException | NumberFormatException e) {
            return 0;
        }
    }
}
