package org.vigil.agents;

import java.util.Objects;

/**
 * Identifies an agent as {@code class:provider:type} (e.g. {@code ocf:heartbeat:Xen}); classes
 * without providers, such as {@code stonith:fence_dummy}, have an empty provider.
 */
public record AgentId(String standard, String provider, String type) {
    public AgentId {
        Objects.requireNonNull(standard, "standard");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(type, "type");
        if (standard.isEmpty() || type.isEmpty()) {
            throw new IllegalArgumentException("agent class and type must not be empty");
        }
    }

    public static AgentId ocf(String provider, String type) {
        return new AgentId("ocf", provider, type);
    }

    public static AgentId stonith(String type) {
        return new AgentId("stonith", "", type);
    }

    /**
     * Parses {@code class:provider:type} or {@code class:type}; the {@code ocf} class requires a
     * provider, as in Pacemaker.
     */
    public static AgentId parse(String spec) {
        String[] parts = spec.split(":", -1);
        if (parts.length == 3 && !parts[0].isEmpty() && !parts[1].isEmpty() && !parts[2].isEmpty()) {
            return new AgentId(parts[0], parts[1], parts[2]);
        }
        if (parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty() && !parts[0].equals("ocf")) {
            return new AgentId(parts[0], "", parts[1]);
        }
        throw new IllegalArgumentException("invalid agent '" + spec
                + "': expected class:provider:type (e.g. ocf:heartbeat:Dummy) or class:type (e.g. stonith:fence_dummy)");
    }

    public boolean isOcf() {
        return standard.equals("ocf");
    }

    public boolean isStonith() {
        return standard.equals("stonith");
    }

    @Override
    public String toString() {
        return provider.isEmpty() ? standard + ":" + type : standard + ":" + provider + ":" + type;
    }
}
