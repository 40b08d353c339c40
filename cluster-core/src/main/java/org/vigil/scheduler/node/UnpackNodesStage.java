package org.vigil.scheduler.node;

import java.util.Map;
import org.vigil.cib.Booleans;
import org.vigil.cib.Node;
import org.vigil.cib.NodeState;
import org.vigil.cib.NvPair;
import org.vigil.cib.NvSet;
import org.vigil.cib.Score;
import org.vigil.rules.RuleContext;
import org.vigil.scheduler.MetaAttributes;
import org.vigil.scheduler.Stage;
import org.vigil.scheduler.WorkingSet;

/** Nodes and their membership state (online, unclean, standby, shutdown, maintenance, pending). */
public final class UnpackNodesStage implements Stage {
    @Override
    public String name() {
        return "unpack nodes";
    }

    @Override
    public void run(WorkingSet ws) {
        int i = 0;
        for (Node n : ws.cib.configuration().nodes()) {
            String type = n.type();
            if ("ping".equals(type)) {
                continue;
            }
            boolean remote = "remote".equals(type);
            SchedNode sn = new SchedNode(i++, n.id(), n.uname() == null ? n.id() : n.uname());
            sn.attributes.put("#uname", sn.uname);
            sn.attributes.put("#id", n.id() == null ? sn.uname : n.id());
            sn.kind = remote ? NodeKind.REMOTE : NodeKind.CLUSTER;
            sn.attributes.put("#kind", sn.kind.attribute);
            MetaAttributes.fill(n.instanceAttributes(), ws.rules(sn.attributes), sn.attributes,
                    false);
            for (NvSet u : n.utilization()) {
                for (NvPair p : u.pairs()) {
                    sn.capacity.put(p.name(), Score.parseOr(p.value(), 0));
                }
            }
            // Until the status says otherwise, an unseen node is unclean when startup fencing applies
            // (a remote node only once a connection resource stands for it: RemoteNodes.declare).
            if (!remote) {
                sn.unseen = true;
                if (ws.stonithEnabled && ws.startupFencing) {
                    sn.fence("node is unclean");
                }
            }
            ws.addNode(sn);
        }
        RemoteNodes.declare(ws);
        String dcUuid = ws.cib.attribute("dc-uuid");
        for (NodeState state : ws.cib.status().nodeStates()) {
            SchedNode sn = state.id() != null && ws.nodesById.containsKey(state.id()) ? ws.nodesById.get(state.id())
                    : ws.nodesByUname.get(state.uname());
            if (sn == null) {
                continue;
            }
            if (state.transientAttributes() != null) {
                MetaAttributes.fill(state.transientAttributes().sets(), ws.rules(sn.attributes),
                        sn.attributes, true);
            }
            if (sn.isRemote()) {
                // online only once the history shows its connection up (UnpackHistoryStage)
                RemoteNodes.seen(sn, state);
                sn.attributes.put("#is_dc", "false");
                continue;
            }
            sn.unseen = false;
            sn.unclean = false;
            sn.fenceReason = null;
            determineOnline(ws, sn, state);
            if (sn.online && !ws.haveQuorum && ws.stonithEnabled && "suicide".equals(ws.noQuorumPolicy)
                    && panicAllowed(ws)) {
                // no-quorum-policy=suicide: every member of a partition that lost quorum is fenced
                sn.fence("cluster does not have quorum");
            }
            if (dcUuid != null && dcUuid.equals(state.id())) {
                ws.dc = sn;
                sn.attributes.put("#is_dc", "true");
            } else {
                sn.attributes.put("#is_dc", "false");
            }
        }
        for (SchedNode sn : ws.nodes) {
            if (Booleans.isTrue(sn.attribute("standby"))) {
                sn.standby = true;
            }
            if (Booleans.isTrue(sn.attribute("maintenance"))) {
                sn.maintenance = true;
            }
            String shutdown = sn.attribute("shutdown");
            if (sn.online && shutdown != null && !shutdown.isBlank() && !shutdown.trim().equals("0")) {
                sn.shutdown = true;
            }
            String health = healthBan(sn.attributes);
            if (health != null) {
                sn.attributes.put("#health-ban", health);
            }
        }
    }

    /**
     * As Pacemaker, suicide applies only once the cluster has had quorum (the CIB's
     * {@code no-quorum-panic}): a cluster that never had it stops resources instead.
     */
    private static boolean panicAllowed(WorkingSet ws) {
        String panic = ws.cib.attribute("no-quorum-panic");
        if (panic == null) {
            return false;
        }
        try {
            return Integer.parseInt(panic.trim()) != 0;
        } catch (NumberFormatException e) {
            return Booleans.isTrue(panic);
        }
    }

    private static String healthBan(Map<String, String> attrs) {
        return null;
    }

    /**
     * node-pending-timeout (Pacemaker 2.1.7): a member (in_ccm holds since when) whose controller has not joined
     * the process group within the timeout is fenced; until then the scheduler runs again when it runs out.
     */
    private static boolean pendingTooLong(WorkingSet ws, NodeState st, boolean crmdOnline) {
        String timeout = ws.properties.get("node-pending-timeout");
        long ms = timeout == null ? 0 : org.vigil.rules.Durations.parseIntervalMs(timeout);
        if (ms <= 0 || crmdOnline || st.inCcm() == null || ws.now == null) {
            return false;
        }
        long since;
        if (Booleans.isTrue(st.inCcm())) {
            since = ws.now.getEpochSecond(); // recorded as a boolean: a member from now on
        } else {
            try {
                since = Long.parseLong(st.inCcm().trim());
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (since <= 0) {
            return false;
        }
        java.time.Instant deadline = java.time.Instant.ofEpochSecond(since).plusMillis(ms);
        if (!ws.now.isBefore(deadline)) {
            return true;
        }
        ws.recheckAt(deadline);
        return false;
    }

    private static boolean inCluster(String v) {
        if (v == null) {
            return false;
        }
        if (Booleans.isTrue(v)) {
            return true;
        }
        try {
            return Long.parseLong(v.trim()) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean peerOnline(String v) {
        if (v == null) {
            return false;
        }
        if (v.equalsIgnoreCase("online")) {
            return true;
        }
        try {
            return Long.parseLong(v.trim()) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void determineOnline(WorkingSet ws, SchedNode sn, NodeState st) {
        String join = st.join();
        String expected = st.expected() == null ? "down" : st.expected();
        boolean inCluster = inCluster(st.inCcm());
        boolean crmdOnline = peerOnline(st.crmd());
        sn.expectedUp = "member".equals(st.expected());
        String terminate = sn.attribute("terminate");
        boolean doTerminate = Booleans.isTrue(terminate)
                || (terminate != null && !terminate.isEmpty() && Character.isDigit(terminate.charAt(0))
                        && terminate.charAt(0) != '0');
        String shutdown = sn.attribute("shutdown");
        boolean shuttingDown = shutdown != null && !shutdown.isBlank() && !shutdown.trim().equals("0");
        boolean online;
        if (!ws.stonithEnabled) {
            online = false;
            if (!inCluster) {
                online = false;
            } else if (crmdOnline) {
                online = "member".equals(join);
            } else if (sn.expectedUp) {
                sn.fence("peer is unexpectedly down");
            }
        } else {
            online = inCluster;
            if (shuttingDown) {
                online = crmdOnline;
            } else if (st.inCcm() == null) {
                sn.fence("peer has not been seen by the cluster");
            } else if ("banned".equals(join)) {
                sn.fence("peer failed Pacemaker membership criteria");
            } else if (!doTerminate && "down".equals(expected)) {
                if (pendingTooLong(ws, st, crmdOnline)) {
                    sn.fence("peer pending timed out on joining the process group");
                } else if (inCluster || crmdOnline) {
                    sn.standby = true;
                    sn.pending = true;
                }
            } else if (doTerminate && "down".equals(join) && !inCluster && !crmdOnline) {
                online = false;
            } else if (!inCluster) {
                sn.fence("peer is no longer part of the cluster");
            } else if (!crmdOnline) {
                sn.fence("peer process is no longer available");
            } else if (doTerminate) {
                sn.fence("fencing was requested");
            } else if ("member".equals(join)) {
                // active
            } else if ("pending".equals(join) || "down".equals(join)) {
                sn.standby = true;
                sn.pending = true;
            } else {
                sn.fence("peer was in an unknown state");
            }
        }
        sn.online = online && !(ws.stonithEnabled && sn.unclean && !inCluster);
        if (sn.unclean && !inCluster) {
            sn.online = false;
        }
    }
}
