package org.vigil.cli.live;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.vigil.cib.Cib;
import org.vigil.cib.CibParseException;
import org.vigil.cib.CibVersion;
import org.vigil.cib.CibXml;
import org.vigil.ipc.ClusterState;
import org.vigil.ipc.DaemonService;
import org.vigil.ipc.FenceOutcome;
import org.vigil.ipc.ServiceException;

/**
 * A vigild stand-in behind a real IPC socket: one CIB, the DC's version check on commit (exact version, as
 * DaemonService documents), and knobs for the cases crm must handle (concurrent changes, refusals, a
 * cluster that reacts to the configuration).
 */
final class FakeDaemon implements DaemonService {
    static final String CIB = """
            <cib admin_epoch="0" epoch="5" num_updates="0" validate-with="pacemaker-3.9" have-quorum="1" dc-uuid="2">
              <configuration>
                <crm_config><cluster_property_set id="cib-bootstrap-options">
                  <nvpair id="cib-bootstrap-options-stonith-enabled" name="stonith-enabled" value="true"/>
                </cluster_property_set></crm_config>
                <nodes><node id="1" uname="node1"/><node id="2" uname="node2"/><node id="3" uname="node3"/></nodes>
                <resources>
                  <primitive id="vm01" class="ocf" provider="heartbeat" type="Dummy"/>
                  <primitive id="fence3" class="stonith" type="fence_ipmilan"/>
                </resources>
                <constraints/>
              </configuration>
              %s
            </cib>
            """;

    /** Status: node1 and node2 up; node3 still up in the CIB (the daemon has not recorded its loss yet). */
    static String status(String vm01Operation, int call) {
        return """
                <status>
                  <node_state id="1" uname="node1" in_ccm="true" crmd="online" join="member" expected="member">
                    <lrm id="1"><lrm_resources>
                      <lrm_resource id="vm01" class="ocf" provider="heartbeat" type="Dummy">
                        <lrm_rsc_op id="vm01_last_0" operation_key="vm01_%1$s_0" operation="%1$s" call-id="%2$d"
                            rc-code="0" op-status="0" interval="0"/>
                      </lrm_resource>
                    </lrm_resources></lrm>
                  </node_state>
                  <node_state id="2" uname="node2" in_ccm="true" crmd="online" join="member" expected="member"/>
                  <node_state id="3" uname="node3" in_ccm="true" crmd="online" join="member" expected="member"/>
                </status>
                """.formatted(vm01Operation, call);
    }

    static Cib parse(String xml) {
        try {
            return CibXml.parse(xml);
        } catch (CibParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private Cib cib = parse(CIB.formatted(status("start", 3)));
    /** Applied to the CIB at each read: the cluster acting on its configuration. */
    volatile UnaryOperator<Cib> cluster = UnaryOperator.identity();
    /** Commits that find somebody else's change got in first (the fake makes that change, then says CONFLICT). */
    int concurrentChanges;
    /** When set, every commit is refused with it. */
    ServiceException refusal;
    /** Commits refused with NO_DC before the fake "elects" a DC. */
    int electing;
    int commitAttempts;
    final List<CibVersion> committed = new ArrayList<>();
    final List<String> fenceRequests = new ArrayList<>();
    FenceOutcome.Status fenceResult = FenceOutcome.Status.DONE;
    volatile ClusterState state = new ClusterState("node1", "node2", true, 2, 3, List.of("node1", "node2"),
            List.of(), List.of("ring 0: active with no faults", "ring 1: FAULTY: node3 silent for 12 s"),
            List.of(new FenceOutcome("node4", "reboot", FenceOutcome.Status.DONE, "fence4", "node2",
                    Instant.parse("2026-11-22T03:10:00Z"), "node4 left while running vm02"),
                    new FenceOutcome("node3", "off", FenceOutcome.Status.FAILED, "fence3", "node1",
                            Instant.parse("2026-11-22T03:20:00Z"), "fence_ipmilan: connection timed out")),
            "0.1.0");

    synchronized Cib current() {
        return cib;
    }

    synchronized void set(Cib c) {
        cib = c;
    }

    @Override
    public synchronized Cib cib() {
        Cib next = cluster.apply(cib);
        if (!next.equals(cib)) {
            cib = next.withVersion(cib.version().nextUpdate());
        }
        return cib;
    }

    @Override
    public synchronized Cib commit(Cib proposed, CibVersion basedOn) throws ServiceException {
        commitAttempts++;
        if (refusal != null) {
            throw refusal;
        }
        if (electing > 0) {
            electing--;
            throw new ServiceException(ServiceException.Kind.NO_DC, "the cluster has no DC at the moment (electing)");
        }
        if (concurrentChanges > 0) {
            concurrentChanges--;
            cib = LiveModeTest.withProperty(cib, "other-admin-" + concurrentChanges, "was here")
                    .withVersion(cib.version().nextEpoch());
        }
        if (!basedOn.equals(cib.version())) {
            throw new ServiceException(ServiceException.Kind.CONFLICT, "the CIB changed meanwhile (now "
                    + cib.version() + ", change based on " + basedOn + ")");
        }
        boolean config = !proposed.configuration().equals(cib.configuration());
        cib = proposed.withVersion(config ? cib.version().nextEpoch() : cib.version().nextUpdate());
        committed.add(cib.version());
        return cib;
    }

    @Override
    public ClusterState state() {
        return state;
    }

    @Override
    public synchronized FenceOutcome fence(String node, String action, Duration timeout) throws ServiceException {
        fenceRequests.add(node + " " + action + " " + timeout.toSeconds() + "s");
        if (fenceResult == FenceOutcome.Status.PENDING) {
            throw new ServiceException(ServiceException.Kind.TIMEOUT, "fencing " + node + " did not complete within "
                    + timeout.toSeconds() + " s");
        }
        return new FenceOutcome(node, action, fenceResult, "fence3", "node1", Instant.parse("2026-11-22T04:00:00Z"),
                fenceResult == FenceOutcome.Status.FAILED ? "fence_ipmilan: authentication failed" : "");
    }
}
