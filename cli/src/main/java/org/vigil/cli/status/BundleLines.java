package org.vigil.cli.status;

import java.util.List;
import org.vigil.cib.Bundle;
import org.vigil.cib.BundleReplica;
import org.vigil.cib.Booleans;
import org.vigil.cib.CibParseException;
import org.vigil.cib.NvSets;
import org.vigil.cib.XmlElement;

/**
 * A bundle in crm_mon's resource list: {@code Container bundle set: NAME [IMAGE]:} (no "set" for one replica),
 * then per replica its name (and address), the primitive inside (or the container) and the node the container
 * runs on, as Pacemaker's pe__bundle_replica_output_text prints it.
 */
final class BundleLines {
    private BundleLines() {}

    static void render(XmlElement element, OperationHistory h, String indent, List<String> out) {
        Bundle b;
        try {
            b = Bundle.parse(element);
        } catch (CibParseException e) {
            out.add(indent + "* " + element.id() + "\t(bundle):\t invalid: " + e.getMessage());
            return;
        }
        List<BundleReplica> replicas = BundleReplica.of(b);
        boolean disabled = NvSets.firstValue(b.metaAttributes(), "target-role").map(t -> t.equalsIgnoreCase("stopped"))
                .orElse(false);
        boolean promotable = b.promotable()
                || NvSets.firstValue(b.metaAttributes(), "promotable").map(Booleans::isTrue).orElse(false);
        out.add(indent + "* Container bundle" + (replicas.size() > 1 ? " set" : "") + ": " + b.id() + " ["
                + b.runtime().image() + "]" + (disabled ? " (disabled)" : "") + ":");
        for (BundleReplica r : replicas) {
            String name = (r.connection() != null ? r.connection().id() : r.container().id())
                    + (r.address() != null ? " (" + r.address() + ")" : "");
            List<String> hosts = h.activeNodes(r.container().id());
            String host = hosts.isEmpty() ? null : hosts.get(0);
            String agent;
            String state;
            if (b.primitive() != null) {
                agent = b.primitive().agent();
                String guest = r.guestNode();
                OperationHistory.Role role = h.activeNodes(b.primitive().id()).contains(guest)
                        ? h.role(b.primitive().id(), guest) : OperationHistory.Role.STOPPED;
                state = switch (role) {
                    case FAILED -> "FAILED";
                    case PROMOTED -> "Promoted";
                    case STARTED -> promotable ? "Unpromoted" : "Started";
                    case STOPPED -> "Stopped";
                };
            } else {
                agent = r.container().agent();
                OperationHistory.Role role = host == null ? OperationHistory.Role.STOPPED
                        : h.role(r.container().id(), host);
                state = role == OperationHistory.Role.FAILED ? "FAILED"
                        : role == OperationHistory.Role.STOPPED ? "Stopped" : "Started";
            }
            out.add(indent + "  * " + name + "\t(" + agent + "):\t " + state + (host == null ? "" : " " + host));
        }
    }
}
