package org.vigil.cib;

import java.util.List;
import java.util.Map;

/**
 * A {@code primitive}: one resource run by one agent.
 *
 * @param resourceClass the agent class (ocf, stonith, systemd, lsb, service)
 * @param template      id of a {@code template} this primitive takes its definition from, or null
 */
public record Primitive(
        String id,
        String resourceClass,
        String provider,
        String type,
        String template,
        Map<String, String> otherAttributes,
        List<NvSet> instanceAttributes,
        List<NvSet> metaAttributes,
        List<NvSet> utilization,
        Operations operations)
        implements Resource {
    public Primitive {
        otherAttributes = Copies.sorted(otherAttributes);
        instanceAttributes = Copies.list(instanceAttributes);
        metaAttributes = Copies.list(metaAttributes);
        utilization = Copies.list(utilization);
        operations = operations == null ? Operations.NONE : operations;
    }

    /** {@code class:provider:type}, or {@code class:type} when there is no provider. */
    public String agent() {
        return provider == null ? resourceClass + ":" + type : resourceClass + ":" + provider + ":" + type;
    }

    public Primitive withMetaAttributes(List<NvSet> sets) {
        return new Primitive(id, resourceClass, provider, type, template, otherAttributes, instanceAttributes, sets,
                utilization, operations);
    }

    public Primitive withInstanceAttributes(List<NvSet> sets) {
        return new Primitive(id, resourceClass, provider, type, template, otherAttributes, sets, metaAttributes,
                utilization, operations);
    }
}
