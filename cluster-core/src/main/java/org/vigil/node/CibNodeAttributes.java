package org.vigil.node;

import java.util.Optional;
import java.util.function.Supplier;
import org.vigil.agents.NodeAttributes;
import org.vigil.cib.Cib;
import org.vigil.cib.NvSets;

/**
 * Node attributes for native agents, read from the CIB this node holds: the transient value (status) first,
 * then the permanent one (the node's instance attributes), as {@code crm_attribute --query} finds them. The
 * Xen agent's {@code node_ip_attribute} (e.g. {@code ip_livemigration}) is read this way.
 */
final class CibNodeAttributes implements NodeAttributes {
    private final Supplier<Cib> cib;

    CibNodeAttributes(Supplier<Cib> cib) {
        this.cib = cib;
    }

    @Override
    public Optional<String> get(String node, String attribute) {
        Cib c = cib.get();
        if (c == null) {
            return Optional.empty();
        }
        Optional<String> transientValue = c.status().nodeState(node)
                .filter(s -> s.transientAttributes() != null)
                .flatMap(s -> NvSets.firstValue(s.transientAttributes().sets(), attribute));
        if (transientValue.isPresent()) {
            return transientValue;
        }
        return c.configuration().node(node).flatMap(n -> NvSets.firstValue(n.instanceAttributes(), attribute));
    }
}
