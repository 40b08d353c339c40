package org.vigil.node;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vigil.cib.Cib;

/**
 * {@code reconnect_interval} for real, as Pacemaker has it: the remote node's {@code vigild remote} is killed, the
 * connection's monitor fails, the remote node's resources recover on a cluster node and the connection stays
 * stopped with its failure kept. The remote daemon is started again at once; the cluster does not connect to it
 * before the interval has passed since the failure, and does after it (the failure expires: the DC's recheck at
 * that instant), after which the Dummy that prefers the remote node goes back there.
 */
@Timeout(180)
class RemoteReconnectLiveTest extends LiveRemoteNodes {
    private static final Duration RECONNECT_INTERVAL = Duration.ofSeconds(15);
    /** The failure's time is recorded in whole seconds: it may expire up to a second early. */
    private static final Duration RECORDED_TIME_ROUNDING = Duration.ofMillis(1500);
    private static final Duration RECONNECT_LIMIT = RECONNECT_INTERVAL.plusSeconds(15);

    @Test
    void aFailedConnectionIsNotTriedAgainBeforeItsReconnectIntervalAndIsAfter() throws Exception {
        killAndRestartTheRemote(false, Duration.ZERO);
    }

    @Test
    void aRemoteNodeStillDownWhenTheIntervalEndsIsTriedAgainEveryInterval() throws Exception {
        killAndRestartTheRemote(false, RECONNECT_INTERVAL.plusSeconds(5));
        String dcLog = output.get(state("alpha").dc()).toString();
        check(java.util.regex.Pattern.compile("result r1_start_0 on \\w+: rc=1").matcher(dcLog).find(),
                "the connection was tried once the interval had passed, and failed while r1 was down");
    }

    @Test
    void withFencingTheRemoteNodeIsFencedOnceAndReconnectedAfterTheInterval() throws Exception {
        assumeTrue(Files.isExecutable(FENCE_DUMMY), "skipped: " + FENCE_DUMMY + " is not installed (Debian fence-agents)");
        killAndRestartTheRemote(true, Duration.ZERO);
        Path power = dir.resolve("r1.power");
        check(Files.exists(power), "fence_dummy was asked to fence r1");
        Cib c = dcCib();
        check("0".equals(c.status().nodeState("r1").map(s -> s.otherAttributes().get("node_fenced")).orElse(null)),
                "r1's node_fenced is 0 again once its connection is up");
    }

    private static final Path FENCE_DUMMY = Path.of("/usr/sbin/fence_dummy");

    /**
     * r1 runs d1, its daemon is killed and started again {@code downFor} after that, or at once once d1 recovered
     * (with fresh agent state, as after a reboot): checks nothing connects to it before the connection is due to
     * be tried (one reconnect_interval after the failure; two when it was still down at the first try), and that
     * the cluster does connect then.
     */
    private void killAndRestartTheRemote(boolean fencing, Duration downFor) throws Exception {
        Path key = clusterKey();
        int remotePort = freePort("127.0.0.1");
        Process remote = startRemote("r1", key, remotePort);
        String dc = startCluster(key);
        String fenceDevice = """
                <primitive id="fence-r1" class="stonith" type="fence_dummy">\
                <instance_attributes id="fence-r1-ia"><nvpair id="fence-r1-type" name="type" value="file"/>\
                <nvpair id="fence-r1-file" name="status_file" value="%s"/>\
                <nvpair id="fence-r1-hosts" name="pcmk_host_list" value="r1"/></instance_attributes></primitive>"""
                .formatted(dir.resolve("r1.power"));
        configure(dc, """
                <primitive id="r1" class="ocf" provider="pacemaker" type="remote">\
                <instance_attributes id="r1-ia"><nvpair id="r1-server" name="server" value="127.0.0.1"/>\
                <nvpair id="r1-port" name="port" value="%d"/>\
                <nvpair id="r1-reconnect" name="reconnect_interval" value="%ds"/></instance_attributes>\
                <operations><op id="r1-mon" name="monitor" interval="1s" timeout="5s"/></operations></primitive>\
                <primitive id="d1" class="ocf" provider="heartbeat" type="Dummy">\
                <operations><op id="d1-mon" name="monitor" interval="2s"/></operations></primitive>"""
                .formatted(remotePort, RECONNECT_INTERVAL.toSeconds()) + (fencing ? fenceDevice : ""),
                "<rsc_location id=\"d1-on-r1\" rsc=\"d1\" node=\"r1\" score=\"100\"/>",
                Map.of("stonith-enabled", Boolean.toString(fencing)));
        await("d1 started on the remote node r1", Duration.ofSeconds(60),
                () -> activeOn(dcCib(), "d1").equals(List.of("r1")) && monitored(dcCib(), "r1", "d1"));

        long killed = System.nanoTime();
        remote.destroyForcibly();
        await("d1 recovered on a cluster node and the connection stopped", Duration.ofSeconds(30), () -> {
            Cib c = dcCib();
            List<String> on = activeOn(c, "d1");
            return on.size() == 1 && CLUSTER.contains(on.get(0)) && !online(c, "r1") && connectionStopped(c);
        });
        long recoveredMs = (System.nanoTime() - killed) / 1_000_000;
        while (System.nanoTime() - killed < downFor.toNanos()) {
            Thread.sleep(100);
        }
        startRemote("r1-again", key, remotePort);
        long restartedMs = (System.nanoTime() - killed) / 1_000_000;

        int tries = downFor.compareTo(RECONNECT_INTERVAL) > 0 ? 2 : 1;
        Duration quiet = RECONNECT_INTERVAL.minus(RECORDED_TIME_ROUNDING).multipliedBy(tries);
        while (System.nanoTime() - killed < quiet.toNanos()) {
            check(!connected("r1-again") && !online(dcCib(), "r1"), "the cluster connected to r1 "
                    + (System.nanoTime() - killed) / 1_000_000 + " ms after the failure, before " + tries
                    + " reconnect_interval(s) of " + RECONNECT_INTERVAL.toSeconds() + " s");
            Thread.sleep(200);
        }
        await("the connection tried again after reconnect_interval, r1 online and d1 back there", RECONNECT_LIMIT,
                () -> connected("r1-again") && online(dcCib(), "r1") && activeOn(dcCib(), "d1").equals(List.of("r1")));
        long reconnectedMs = (System.nanoTime() - killed) / 1_000_000;
        Thread.sleep(3000); // the cluster settled: nothing fences r1 again, nothing moves d1
        String dcLog = output.get(state("alpha").dc()).toString();
        check(count(dcLog, "vigild: fenced r1") == (fencing ? 1 : 0), "r1 fenced " + count(dcLog, "vigild: fenced r1")
                + " times; expected " + (fencing ? "once" : "never"));
        check(online(dcCib(), "r1") && activeOn(dcCib(), "d1").equals(List.of("r1")), "r1 online, d1 there");
        System.out.println("remote reconnect" + (fencing ? " with fencing" : "") + (tries > 1 ? " (down at the first"
                + " try)" : "") + ": d1 recovered on a cluster node "
                + recoveredMs + " ms after SIGKILL of the remote daemon, which was restarted at " + restartedMs
                + " ms; reconnected and d1 back on r1 at " + reconnectedMs + " ms (reconnect_interval "
                + RECONNECT_INTERVAL.toSeconds() + " s)");
    }

    /** The restarted remote daemon has had a cluster node connect (it logs the name the cluster gave it). */
    private boolean connected(String process) {
        return output.get(process).toString().contains("this remote node is 'r1'");
    }

    /** crm status shows the connection stopped: running nowhere, not even as failed. */
    private static boolean connectionStopped(Cib c) {
        return org.vigil.scheduler.StatusReader.read(c, java.time.Instant.now()).resources().stream()
                .filter(i -> i.id().equals("r1")).allMatch(i -> i.nodes().isEmpty());
    }
}
