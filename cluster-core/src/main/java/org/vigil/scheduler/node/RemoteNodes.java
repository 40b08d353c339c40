package org.vigil.scheduler.node;

import java.util.ArrayList;
import java.util.List;
import org.vigil.cib.Group;
import org.vigil.cib.NodeState;
import org.vigil.cib.Primitive;
import org.vigil.cib.Resource;
import org.vigil.scheduler.MetaAttributes;
import org.vigil.scheduler.Role;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.history.NodeHistory;
import org.vigil.scheduler.resource.PrimitiveRsc;
import org.vigil.scheduler.resource.Rsc;

/**
 * Pacemaker Remote and guest nodes while unpacking: which nodes exist because of a connection resource
 * ({@code ocf:pacemaker:remote}, or a primitive with the {@code remote-node} meta-attribute), and whether such a
 * node is online, which depends on its connection (and, for a guest, its container) as the history shows it.
 */
public final class RemoteNodes {
    private RemoteNodes() {}

    public static boolean isConnectionAgent(Primitive p) {
        return "ocf".equals(p.resourceClass()) && "pacemaker".equals(p.provider()) && "remote".equals(p.type());
    }

    /** The guest node a primitive stands for ({@code remote-node} meta), or null. */
    static String guestName(Primitive p) {
        String name = MetaAttributes.firstOf(p.metaAttributes(), "remote-node");
        return name == null || name.isBlank() ? null : name.trim();
    }

    /** Top-level primitives and primitives of groups: where connections and guests may be configured. */
    static List<Primitive> candidates(List<Resource> resources) {
        List<Primitive> out = new ArrayList<>();
        for (Resource r : resources) {
            if (r instanceof Primitive p) {
                out.add(p);
            } else if (r instanceof Group g) {
                for (Resource c : g.children()) {
                    if (c instanceof Primitive p) {
                        out.add(p);
                    }
                }
            }
        }
        return out;
    }

    /** Adds the nodes that connection resources and guests create, after the configured nodes. */
    static void declare(WorkingSet ws) {
        for (Resource r : ws.cib.configuration().resources()) {
            if (r instanceof Primitive p && isConnectionAgent(p)) {
                SchedNode n = nodeFor(ws, p.id(), NodeKind.REMOTE);
                if (n.kind != NodeKind.REMOTE) {
                    continue;
                }
                // as for cluster nodes: unseen (no status yet) means unclean when startup fencing applies
                n.unseen = true;
                if (ws.stonithEnabled && ws.startupFencing) {
                    n.fence("node is unclean");
                }
            }
        }
        for (Primitive p : candidates(ws.cib.configuration().resources())) {
            String guest = guestName(p);
            if (guest != null && !isConnectionAgent(p)) {
                nodeFor(ws, guest, NodeKind.GUEST);
            }
        }
        declareBundles(ws);
    }

    /** Reads the bundles; each replica with a connection makes a guest node named after the connection. */
    private static void declareBundles(WorkingSet ws) {
        for (Resource r : ws.cib.configuration().resources()) {
            if (!(r instanceof org.vigil.cib.OpaqueResource o) || !o.element().name().equals("bundle")) {
                continue;
            }
            org.vigil.cib.Bundle b;
            try {
                b = org.vigil.cib.Bundle.parse(o.element());
            } catch (org.vigil.cib.CibParseException e) {
                ws.unsupported.add(e.getMessage());
                continue;
            }
            ws.bundles.put(b.id(), b);
            for (org.vigil.cib.BundleReplica replica : org.vigil.cib.BundleReplica.of(b)) {
                if (replica.guestNode() != null) {
                    nodeFor(ws, replica.guestNode(), NodeKind.GUEST).bundleReplica = true;
                }
            }
        }
    }

    private static SchedNode nodeFor(WorkingSet ws, String name, NodeKind kind) {
        SchedNode n = ws.node(name);
        if (n != null && n.kind == NodeKind.CLUSTER) {
            return n; // a full member keeps being one, whatever a resource claims
        }
        if (n == null) {
            n = new SchedNode(ws.nodes.size(), name, name);
            n.attributes.put("#uname", name);
            n.attributes.put("#id", name);
            n.attributes.put("#is_dc", "false");
            ws.addNode(n);
        }
        n.kind = kind;
        n.attributes.put("#kind", kind.attribute);
        return n;
    }

    /** A remote or guest node's status entry: seen, and whether it was fenced since the connection was up. */
    static void seen(SchedNode n, NodeState state) {
        n.remoteWasFenced = fencedSince(state.otherAttributes().get("node_fenced"));
        n.unseen = false;
        if (!n.remoteRequiresReset) {
            n.unclean = false;
            n.fenceReason = null;
        }
    }

    /**
     * Pacemaker's {@code node_fenced}: when the remote node was fenced (its controller writes the time, epoch
     * seconds), {@code 0} once its connection is up again; any positive number means fenced since.
     */
    private static boolean fencedSince(String nodeFenced) {
        if (nodeFenced == null) {
            return false;
        }
        try {
            return Long.parseLong(nodeFenced.trim()) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The role a resource's history shows so far (the history stage has not summed it up yet). */
    static Role currentRole(Rsc r) {
        if (r == null) {
            return Role.STOPPED;
        }
        List<PrimitiveRsc> prims = new ArrayList<>();
        r.collectPrimitives(prims);
        Role max = Role.STOPPED;
        for (PrimitiveRsc p : prims) {
            for (NodeHistory h : p.history.values()) {
                if (h.role.above(max)) {
                    max = h.role;
                }
            }
        }
        return max;
    }

    private static boolean started(Rsc r) {
        Role role = currentRole(r);
        return role == Role.STARTED || role == Role.UNPROMOTED || role == Role.PROMOTED;
    }

    /** Whether a remote node's history can be read yet: its connection (and a guest's container) is up. */
    public static boolean historyReadable(WorkingSet ws, SchedNode node) {
        PrimitiveRsc conn = node.connection;
        if (conn == null) {
            return false;
        }
        if (node.isGuest()) {
            return started(conn) && started(conn.container);
        }
        return ws.shutdownLock || started(conn);
    }

    /** Pacemaker's determine_remote_online_status. */
    public static void determineOnline(WorkingSet ws, SchedNode node) {
        PrimitiveRsc conn = node.connection;
        if (conn == null) {
            node.online = false;
            return;
        }
        Rsc container = conn.container;
        SchedNode host = null;
        if (container != null) {
            List<SchedNode> on = new ArrayList<>();
            for (NodeHistory h : conn.history.values()) {
                if (h.role.above(Role.STOPPED)) {
                    on.add(h.node);
                }
            }
            host = on.size() == 1 ? on.get(0) : null;
        }
        boolean connStarted = started(conn);
        if (connStarted) {
            node.online = true;
        }
        if (connStarted && conn.nextRole == Role.STOPPED) {
            node.shutdown = true;
        }
        if (container != null && container.failed) {
            node.online = false;
            node.remoteRequiresReset = true;
        } else if (conn.failed) {
            node.online = false;
        } else if (!connStarted || (container != null && !started(container))) {
            node.online = false;
            node.remoteRequiresReset = false;
        } else if (host != null && !host.online && host.unclean) {
            node.online = false;
            node.remoteRequiresReset = true;
        }
    }

    /** What a remote node's status entry says once its history is read (Pacemaker's unpack_handle_remote_attrs). */
    public static void applyStatusAttributes(WorkingSet ws, SchedNode node) {
        String shutdown = node.attribute("shutdown");
        if (shutdown != null && !shutdown.isBlank() && !shutdown.trim().equals("0")) {
            node.shutdown = true;
        }
        if (node.connection != null && !node.connection.managed) {
            node.maintenance = true;
        }
    }

    /** A remote node that shuts down takes its connection down with it. */
    public static void afterHistory(WorkingSet ws) {
        for (SchedNode n : ws.nodes) {
            if (n.isRemote() && n.shutdown && n.connection != null) {
                n.connection.nextRole = Role.STOPPED;
                n.connection.nextRoleReason = "remote shutdown";
            }
        }
    }

    /**
     * Pacemaker's pe_fence_node for remote and guest nodes: a guest is "fenced" by recovering its container (it
     * stays clean, so it may run resources again once the container is back); a remote node becomes unclean.
     */
    public static void fence(WorkingSet ws, SchedNode node, String reason) {
        if (node.isGuest()) {
            Rsc container = node.connection == null ? null : node.connection.container;
            if (container != null && !container.failed && container.managed) {
                node.remoteRequiresReset = true;
                container.failed = true;
                List<PrimitiveRsc> prims = new ArrayList<>();
                container.collectPrimitives(prims);
                for (PrimitiveRsc p : prims) {
                    for (NodeHistory h : p.history.values()) {
                        if (h.role.above(Role.STOPPED)) {
                            h.failed = true;
                        }
                    }
                }
            }
            return;
        }
        if (node.connection != null && !node.connection.managed) {
            return; // an unmanaged connection: the remote node is left alone
        }
        node.remoteRequiresReset = true;
        node.unclean = true;
        if (node.fenceReason == null) {
            node.fenceReason = reason;
        }
    }

    /**
     * The connection's {@code reconnect_interval} in milliseconds (0: reconnect at once): an instance attribute,
     * as Pacemaker reads it (a meta attribute of that name is taken too).
     */
    public static long reconnectIntervalMs(PrimitiveRsc conn) {
        String v = conn.meta.get("reconnect_interval");
        if (v == null && conn.definition != null) {
            v = org.vigil.scheduler.MetaAttributes.firstOf(conn.definition.instanceAttributes(), "reconnect_interval");
        }
        if (v == null || conn.remoteNode == null) {
            return 0;
        }
        long ms = org.vigil.rules.Durations.parseIntervalMs(v);
        return Math.max(ms, 0);
    }

    /** Pacemaker's remote_connection_assigned: the node is online as soon as its connection has a place. */
    public static void connectionAssigned(PrimitiveRsc conn) {
        SchedNode node = conn.remoteNode;
        if (conn.assignedTo != null && conn.nextRole != Role.STOPPED) {
            node.online = true;
            if (node.unseen) {
                // no need to fence: the connection will be tried
                node.unclean = false;
                node.fenceReason = null;
            }
        } else {
            node.shutdown = true;
        }
    }
}
