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

    /**
     * This primitive with its template's definition filled in, as Pacemaker expands a {@code template=}: the
     * agent comes from the template; the primitive's own attribute sets come first, so its values win; a
     * template operation with the same name and interval as one of the primitive's is overridden by it.
     * The scheduler and the executor both use this, so what is placed is what is run.
     */
    public Primitive withTemplate(Primitive t) {
        List<NvSet> meta = new java.util.ArrayList<>(metaAttributes);
        meta.addAll(t.metaAttributes());
        List<NvSet> inst = new java.util.ArrayList<>(instanceAttributes);
        inst.addAll(t.instanceAttributes());
        List<NvSet> util = new java.util.ArrayList<>(utilization);
        util.addAll(t.utilization());
        List<Op> ops = new java.util.ArrayList<>(operations.ops());
        for (Op op : t.operations().ops()) {
            boolean overridden = operations.ops().stream().anyMatch(o -> o.name().equals(op.name())
                    && java.util.Objects.equals(o.interval(), op.interval()));
            if (!overridden) {
                ops.add(op);
            }
        }
        return new Primitive(id, t.resourceClass(), t.provider(), t.type(), template, otherAttributes, inst, meta,
                util, Operations.of(ops));
    }
}
