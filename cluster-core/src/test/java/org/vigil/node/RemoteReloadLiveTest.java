package org.vigil.node;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vigil.cib.Cib;
import org.vigil.cib.LrmRscOp;

/**
 * Reload on a remote node and on a guest node for real: Pacemaker's OCF 1.1 agent ocf:pacemaker:Dummy runs on a
 * {@code vigild remote} (its own process on 127.0.0.1; for the guest, started by its container resource). The remote node's executor reads the agent's meta-data there and sends what it
 * learnt with the start's result, so the history records {@code op-force-restart} and {@code op-restart-digest}
 * as for a cluster node; a change of a reloadable parameter is then reloaded in place (reload-agent, the state file
 * the start wrote is not touched again), where a change of one that is not restarts the resource.
 */
@Timeout(180)
class RemoteReloadLiveTest extends LiveRemoteNodes {
    private static final Path AGENT = Path.of("/usr/lib/ocf/resource.d/pacemaker/Dummy");

    @Test
    void aReloadableParameterChangeOnARemoteNodeReloadsInPlaceAndAnyOtherRestarts() throws Exception {
        assumeTrue(Files.isExecutable(AGENT), "skipped: " + AGENT + " is not installed (Debian pacemaker-resource-agents)");
        Path key = clusterKey();
        int remotePort = freePort("127.0.0.1");
        startRemote("r1", key, remotePort);
        reloadsInPlaceOn("r1", key, """
                <primitive id="r1" class="ocf" provider="pacemaker" type="remote">\
                <instance_attributes id="r1-ia"><nvpair id="r1-server" name="server" value="127.0.0.1"/>\
                <nvpair id="r1-port" name="port" value="%d"/></instance_attributes>\
                <operations><op id="r1-mon" name="monitor" interval="1s" timeout="5s"/></operations></primitive>"""
                .formatted(remotePort));
    }

    @Test
    void aReloadableParameterChangeOnAGuestNodeReloadsInPlaceAndAnyOtherRestarts() throws Exception {
        assumeTrue(Files.isExecutable(AGENT), "skipped: " + AGENT + " is not installed (Debian pacemaker-resource-agents)");
        Path key = clusterKey();
        int guestPort = freePort("127.0.0.1");
        reloadsInPlaceOn("g1", key, """
                <primitive id="vm1" class="ocf" provider="vigil" type="process">\
                <instance_attributes id="vm1-ia"><nvpair id="vm1-cmd" name="command" value="%s"/>\
                <nvpair id="vm1-log" name="logfile" value="%s"/><nvpair id="vm1-wait" name="startup_wait" value="1"/>\
                </instance_attributes>\
                <meta_attributes id="vm1-meta"><nvpair id="vm1-rn" name="remote-node" value="g1"/>\
                <nvpair id="vm1-ra" name="remote-addr" value="127.0.0.1"/>\
                <nvpair id="vm1-rp" name="remote-port" value="%d"/></meta_attributes>\
                <operations><op id="vm1-mon" name="monitor" interval="1s" timeout="10s"/></operations></primitive>"""
                .formatted(guestCommand(key, guestPort, "g1"), dir.resolve("g1.log"), guestPort));
    }

    /**
     * Starts the cluster with {@code node}'s connection (or container) and a Dummy on {@code node}; changes a
     * reloadable parameter (one reload-agent there, no stop, the state file untouched), then one that is not
     * (stop and start there).
     */
    private void reloadsInPlaceOn(String node, Path key, String nodeResources) throws Exception {
        String dc = startCluster(key);
        Path stateFile = dir.resolve("d1.state");
        configure(dc, nodeResources + """
                <primitive id="d1" class="ocf" provider="pacemaker" type="Dummy">\
                <instance_attributes id="d1-ia"><nvpair id="d1-state" name="state" value="%s"/>\
                <nvpair id="d1-fake" name="fake" value="1"/></instance_attributes>\
                <operations><op id="d1-mon" name="monitor" interval="2s"/></operations></primitive>"""
                .formatted(stateFile),
                "<rsc_location id=\"d1-on-node\" rsc=\"d1\" node=\"" + node + "\" score=\"INFINITY\"/>",
                Map.of("stonith-enabled", "false"));
        await("d1 started on " + node + " and monitored", Duration.ofSeconds(60),
                () -> activeOn(dcCib(), "d1").equals(List.of(node)) && monitored(dcCib(), node, "d1")
                        && Files.exists(stateFile));
        Optional<LrmRscOp> start = lastStart(dcCib(), node);
        check(start.isPresent() && " state ".equals(start.get().digests().forceRestart())
                        && start.get().digests().restart() != null,
                "the start on " + node + " records the agent's restart parameters as on a cluster node: " + start);
        FileTime started = Files.getLastModifiedTime(stateFile);
        Thread.sleep(1100); // a restart would write the state file again, a second later at least

        int before = actionsSoFar().size();
        reconfigure(xml -> xml.replace("name=\"fake\" value=\"1\"", "name=\"fake\" value=\"2\""));
        await("a transition reloads d1 on " + node, Duration.ofSeconds(30),
                () -> actionsSoFar().contains("d1_reload-agent_0 on " + node + " ok"));
        Thread.sleep(3000); // monitors run again with the new parameters; nothing else should follow
        List<String> all = actionsSoFar();
        List<String> actions = all.subList(before, all.size());
        check(count(String.join("\n", actions), "d1_reload-agent_0") == 1
                && actions.stream().noneMatch(a -> a.startsWith("d1_stop_0")),
                "one reload, no stop, and the cluster settled: " + actions);
        check(started.equals(Files.getLastModifiedTime(stateFile)), "the agent was reloaded, not restarted");
        check(activeOn(dcCib(), "d1").equals(List.of(node)), "d1 still runs on " + node);

        Path otherState = dir.resolve("d1-other.state");
        reconfigure(xml -> xml.replace(stateFile.toString(), otherState.toString()));
        await("a parameter that is not reloadable restarts d1 on " + node, Duration.ofSeconds(30),
                () -> actionsSoFar().contains("d1_stop_0 on " + node + " ok") && Files.exists(otherState)
                        && !Files.exists(stateFile));
    }

    private static Optional<LrmRscOp> lastStart(Cib cib, String node) {
        return cib.status().nodeState(node).flatMap(s -> s.lrm() == null ? Optional.empty()
                : s.lrm().resources().stream().filter(r -> r.id().equals("d1")).flatMap(r -> r.ops().stream())
                        .filter(op -> op.operation().equals("start")).findFirst());
    }
}
