package org.vigil.controller;

import java.util.Optional;
import org.vigil.cib.Cib;
import org.vigil.cib.LrmResource;
import org.vigil.cib.NodeState;
import org.vigil.cib.Primitive;
import org.vigil.cib.Resource;

/**
 * Which cluster node an action for a node is sent to (Pacemaker's router node): a cluster node is reached directly;
 * a Pacemaker Remote node through the cluster node whose history shows its connection resource
 * ({@code ocf:pacemaker:remote}, id = the remote node's name, configured or implied by a guest node's container)
 * active. Read from the CIB alone, so the controller
 * stays deterministic.
 */
final class RemoteRoutes {
    private RemoteRoutes() {}

    /** The node to send {@code node}'s actions to; null when it is a remote node whose connection runs nowhere. */
    static String router(Cib cib, String node) {
        Optional<Primitive> connection = connection(cib, node);
        if (connection.isEmpty() || cib.configuration().node(node).filter(n -> !"remote".equals(n.type())).isPresent()) {
            return node; // a full member keeps being one, whatever a resource claims (as the scheduler reads it)
        }
        for (NodeState s : cib.status().nodeStates()) {
            if (s.lrm() == null || s.uname().equals(node) || connection(cib, s.uname()).isPresent()) {
                continue;
            }
            for (LrmResource r : s.lrm().resources()) {
                if (r.id().equals(node) && OperationHistory.active(r)) {
                    return s.uname();
                }
            }
        }
        return null;
    }

    /** Whether {@code node} is a Pacemaker Remote node of this configuration (a connection resource stands for it). */
    static boolean isRemote(Cib cib, String node) {
        return connection(cib, node).isPresent()
                && cib.configuration().node(node).filter(n -> !"remote".equals(n.type())).isEmpty();
    }

    /** The connection resource that stands for {@code node}: configured, or implied by a guest's container. */
    private static Optional<Primitive> connection(Cib cib, String node) {
        for (Resource r : cib.configuration().resources()) {
            if (r instanceof Primitive p && p.id().equals(node) && "ocf".equals(p.resourceClass())
                    && "pacemaker".equals(p.provider()) && "remote".equals(p.type())) {
                return Optional.of(p);
            }
        }
        for (Resource r : org.vigil.cib.Resources.flatten(cib.configuration().resources())) {
            if (r instanceof Primitive p) {
                Optional<Primitive> guest = org.vigil.cib.GuestConnection.of(p);
                if (guest.isPresent() && guest.get().id().equals(node)) {
                    return guest;
                }
            }
        }
        return Optional.empty();
    }
}
