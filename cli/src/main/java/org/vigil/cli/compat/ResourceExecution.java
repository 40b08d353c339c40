package org.vigil.cli.compat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vigil.cib.Cib;
import org.vigil.cib.NvSet;
import org.vigil.cib.NvSets;
import org.vigil.cib.Op;
import org.vigil.cib.Primitive;
import org.vigil.cib.Resource;
import org.vigil.scheduler.StatusReading.Item;

/**
 * cli_resource_execute: what {@code crm_resource -r RSC --validate|--force-*} runs for a configured resource (a
 * clone's first instance; groups and bundles refused as Pacemaker refuses them), with its parameters, its meta
 * attributes as CRM_meta_*, and its configured timeout for the action.
 */
final class ResourceExecution {
    /** A refusal: Pacemaker's messages (out->err) and exit code. */
    static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int code;
        final List<String> messages;

        Refusal(int code, String... messages) {
            super(String.join("\n", messages), null, false, false);
            this.code = code;
            this.messages = List.of(messages);
        }
    }

    private final Cib cib;
    private final ResourceIndex index;
    private final Instant now;

    ResourceExecution(Cib cib, ResourceIndex index, Instant now) {
        this.cib = cib;
        this.index = index;
        this.now = now;
    }

    AgentExecution.Request request(Item item, String requested, String op, Map<String, String> overrides,
            Duration timeout, int checkLevel, int verbosity, boolean force, List<String> locations) {
        Item rsc = item;
        if (rsc.kind().equals("clone")) {
            if (List.of("force-start", "force-demote", "force-promote").contains(op) && !locations.isEmpty()
                    && !force) {
                throw new Refusal(107, "It is not safe to " + op + " " + rsc.id()
                        + " here: the cluster claims it is already active",
                        "Try setting target-role=Stopped first or specifying the force option");
            }
            rsc = rsc.children().isEmpty() ? rsc : rsc.children().get(0);
        }
        if (rsc.kind().equals("group")) {
            throw new Refusal(3, "Sorry, the " + op + " option doesn't support group resources");
        }
        Item parent = index.parent(rsc);
        if (rsc.kind().equals("bundle") || parent != null && parent.kind().equals("bundle")) {
            throw new Refusal(3, "Sorry, the " + op + " option doesn't support bundled resources");
        }
        Primitive p = primitive(ResourceIndex.baseId(rsc.id()));
        if (p == null) {
            throw new Refusal(105, "Resource '" + requested + "' not found");
        }
        Map<String, String> params = new LinkedHashMap<>(NvSets.unconditional(p.instanceAttributes()));
        Map<String, String> meta = new LinkedHashMap<>(meta(rsc, p));
        String action = AgentExecution.action(op);
        Duration limit = timeout != null ? timeout : configuredTimeout(p, action);
        boolean anonymous = parent != null && parent.kind().equals("clone") && !parent.unique();
        String name = anonymous ? requested : rsc.id();
        String standard = p.resourceClass() == null ? "" : p.resourceClass();
        return new AgentExecution.Request(standard, p.provider(), p.type(), name, op, params, meta, overrides, limit,
                checkLevel, verbosity);
    }

    private Primitive primitive(String id) {
        for (Resource r : org.vigil.cib.Resources.flatten(cib.configuration().resources())) {
            if (r instanceof Primitive p && p.id().equals(id)) {
                return p;
            }
        }
        return null;
    }

    /**
     * get_meta_attributes: the primitive's own attributes (class, provider, type, ...), its meta attributes,
     * those of its parents, then rsc_defaults.
     */
    Map<String, String> meta(Item item, Resource conf) {
        Map<String, String> values = new LinkedHashMap<>();
        if (conf instanceof Primitive p) {
            values.putIfAbsent("id", p.id());
            putIfSet(values, "class", p.resourceClass());
            putIfSet(values, "provider", p.provider());
            putIfSet(values, "type", p.type());
            p.otherAttributes().forEach(values::putIfAbsent);
        }
        addAll(values, ResourceMeta.meta(conf));
        for (Item p = index.parent(item); p != null; p = index.parent(p)) {
            String pid = ResourceIndex.baseId(p.id());
            if (!pid.equals(conf.id())) {
                addAll(values, ResourceMeta.of(cib.configuration(), pid).sets());
            }
        }
        ResourceMeta.fill(cib.configuration().rscDefaults(), org.vigil.rules.RuleContext.at(now), values);
        return values;
    }

    /** pe_get_configured_timeout: the first op of that name's timeout, else op_defaults', else 20 seconds. */
    private Duration configuredTimeout(Primitive p, String action) {
        String spec = null;
        for (Op op : p.operations().ops()) {
            if (op.name() != null && op.name().toLowerCase(Locale.ROOT).equals(action)) {
                spec = op.attribute("timeout");
                break;
            }
        }
        if (spec == null) {
            Map<String, String> defaults = new LinkedHashMap<>();
            ResourceMeta.fill(cib.configuration().opDefaults(), org.vigil.rules.RuleContext.at(now), defaults);
            spec = defaults.get("timeout");
        }
        if (spec != null) {
            try {
                long ms = org.vigil.rules.Durations.parseIntervalMs(spec.trim());
                if (ms > 0) {
                    return Duration.ofMillis(ms);
                }
            } catch (IllegalArgumentException e) {
                // Pacemaker falls back to its default for a timeout it cannot read
            }
        }
        return Duration.ofSeconds(20);
    }

    private static void putIfSet(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.putIfAbsent(k, v);
        }
    }

    private static void addAll(Map<String, String> values, List<NvSet> sets) {
        NvSets.unconditional(sets).forEach(values::putIfAbsent);
    }
}
