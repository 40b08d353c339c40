package org.vigil.node;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vigil.cib.Cib;
import org.vigil.cib.LrmRscOp;

/**
 * Reload on a remote node for real: Pacemaker's OCF 1.1 agent ocf:pacemaker:Dummy runs on a {@code vigild remote}
 * (its own process on 127.0.0.1). The remote node's executor reads the agent's meta-data there and sends what it
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
        Path key = dir.resolve("authkey");
        ClusterKey.generate(key, false, new SecureRandom());
        int remotePort = freePort("127.0.0.1");
        startRemote("r1", key, remotePort);
        String dc = startCluster(key);
        Path stateFile = dir.resolve("d1.state");
        configure(dc, """
                <primitive id="r1" class="ocf" provider="pacemaker" type="remote">\
                <instance_attributes id="r1-ia"><nvpair id="r1-server" name="server" value="127.0.0.1"/>\
                <nvpair id="r1-port" name="port" value="%d"/></instance_attributes>\
                <operations><op id="r1-mon" name="monitor" interval="1s" timeout="5s"/></operations></primitive>\
                <primitive id="d1" class="ocf" provider="pacemaker" type="Dummy">\
                <instance_attributes id="d1-ia"><nvpair id="d1-state" name="state" value="%s"/>\
                <nvpair id="d1-fake" name="fake" value="1"/></instance_attributes>\
                <operations><op id="d1-mon" name="monitor" interval="2s"/></operations></primitive>"""
                .formatted(remotePort, stateFile),
                "<rsc_location id=\"d1-on-r1\" rsc=\"d1\" node=\"r1\" score=\"INFINITY\"/>",
                Map.of("stonith-enabled", "false"));
        await("d1 started on the remote node r1 and monitored", Duration.ofSeconds(60),
                () -> activeOn(dcCib(), "d1").equals(List.of("r1")) && monitored(dcCib(), "r1", "d1")
                        && Files.exists(stateFile));
        Optional<LrmRscOp> start = lastStart(dcCib());
        check(start.isPresent() && " state ".equals(start.get().digests().forceRestart())
                        && start.get().digests().restart() != null,
                "the start on r1 records the agent's restart parameters as on a cluster node: " + start);
        FileTime started = Files.getLastModifiedTime(stateFile);
        Thread.sleep(1100); // a restart would write the state file again, a second later at least

        reconfigure(xml -> xml.replace("name=\"fake\" value=\"1\"", "name=\"fake\" value=\"2\""));
        await("a transition reloads d1 on r1", Duration.ofSeconds(30),
                () -> actionsSoFar().contains("d1_reload-agent_0 on r1 ok"));
        Thread.sleep(3000); // monitors run again with the new parameters; nothing else should follow
        List<String> actions = actionsSoFar();
        check(count(String.join("\n", actions), "d1_reload-agent_0") == 1
                && actions.stream().noneMatch(a -> a.startsWith("d1_stop_0")),
                "one reload, no stop, and the cluster settled: " + actions);
        check(started.equals(Files.getLastModifiedTime(stateFile)), "the agent was reloaded, not restarted");
        check(activeOn(dcCib(), "d1").equals(List.of("r1")), "d1 still runs on r1");

        Path otherState = dir.resolve("d1-other.state");
        reconfigure(xml -> xml.replace(stateFile.toString(), otherState.toString()));
        await("a parameter that is not reloadable restarts d1 on r1", Duration.ofSeconds(30),
                () -> actionsSoFar().contains("d1_stop_0 on r1 ok") && Files.exists(otherState)
                        && !Files.exists(stateFile));
    }

    private static Optional<LrmRscOp> lastStart(Cib cib) {
        return cib.status().nodeState("r1").flatMap(s -> s.lrm() == null ? Optional.empty()
                : s.lrm().resources().stream().filter(r -> r.id().equals("d1")).flatMap(r -> r.ops().stream())
                        .filter(op -> op.operation().equals("start")).findFirst());
    }
}
