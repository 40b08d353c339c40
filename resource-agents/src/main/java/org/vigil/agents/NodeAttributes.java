package org.vigil.agents;

import java.util.Map;
import java.util.Optional;

/**
 * Read access to cluster node attributes (e.g. {@code ip_livemigration}), which native agents use
 * where the classic scripts call {@code crm_attribute --query}.
 */
@FunctionalInterface
public interface NodeAttributes {
    Optional<String> get(String node, String attribute);

    static NodeAttributes none() {
        return (node, attribute) -> Optional.empty();
    }

    static NodeAttributes of(Map<String, Map<String, String>> byNode) {
        Map<String, Map<String, String>> copy = Map.copyOf(byNode);
        return (node, attribute) -> Optional.ofNullable(copy.getOrDefault(node, Map.of()).get(attribute));
    }
}
