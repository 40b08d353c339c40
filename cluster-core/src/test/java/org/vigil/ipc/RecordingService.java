package org.vigil.ipc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.vigil.cib.Cib;
import org.vigil.cib.CibVersion;

/** A daemon stand-in: holds one CIB, commits with the DC's version check, records what it was asked. */
final class RecordingService implements DaemonService {
    private Cib cib = Cib.empty();
    final List<CibVersion> commitsBasedOn = new ArrayList<>();
    final List<String> fenced = new ArrayList<>();
    volatile ClusterState state = new ClusterState("node1", "node2", true, 2, 3, List.of("node1", "node2"), List.of(),
            List.of("ring 0: active with no faults"), List.of(new FenceOutcome("node3", "reboot",
                    FenceOutcome.Status.DONE, "fence_ipmi_3", "node2", Instant.parse("2026-11-22T03:00:00Z"),
                    "node3 left while running vm01")), "0.1.0");

    @Override
    public synchronized Cib cib() {
        return cib;
    }

    @Override
    public synchronized Cib commit(Cib proposed, CibVersion basedOn) throws ServiceException {
        commitsBasedOn.add(basedOn);
        if (!basedOn.equals(cib.version())) {
            throw new ServiceException(ServiceException.Kind.CONFLICT, "the CIB changed meanwhile (now at "
                    + cib.version() + ", change based on " + basedOn + ")");
        }
        cib = proposed.withVersion(cib.version().nextEpoch());
        return cib;
    }

    volatile Duration stateDelay = Duration.ZERO;

    @Override
    public ClusterState state() {
        if (!stateDelay.isZero()) {
            try {
                Thread.sleep(stateDelay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return state;
    }

    @Override
    public synchronized FenceOutcome fence(String node, String action, Duration timeout) throws ServiceException {
        fenced.add(node + " " + action + " " + timeout.toMillis());
        if (node.equals("ghost")) {
            throw new ServiceException(ServiceException.Kind.REJECTED, "node ghost is not in the cluster");
        }
        return new FenceOutcome(node, action, FenceOutcome.Status.DONE, "fence_dev", "node1",
                Instant.parse("2026-11-22T04:00:00Z"), "");
    }
}
