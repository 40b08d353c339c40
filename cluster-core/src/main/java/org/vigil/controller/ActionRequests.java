package org.vigil.controller;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vigil.agents.ActionName;
import org.vigil.agents.AgentAction;
import org.vigil.agents.AgentId;
import org.vigil.cib.Configuration;
import org.vigil.cib.NvSet;
import org.vigil.cib.NvSets;
import org.vigil.cib.Op;
import org.vigil.cib.Primitive;
import org.vigil.cib.Resource;
import org.vigil.cib.ResourceInstance;
import org.vigil.cib.ResourceTemplate;
import org.vigil.rules.Durations;
import org.vigil.cib.Resources;
import org.vigil.transition.GraphAction;

/** Turns a graph action into what a node's LRM runs: the agent, its parameters, meta and timeout. */
final class ActionRequests {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private ActionRequests() {}

    /** The primitive id behind a resource instance ({@code drbd:1} is an instance of {@code drbd}). */
    private static String base(String instance) {
        return ResourceInstance.baseOf(instance);
    }

    /** Every primitive by id (the first one of an id, as a search in document order finds), templates applied. */
    static Map<String, Primitive> index(Configuration config) {
        Map<String, Primitive> out = new java.util.HashMap<>();
        List<Primitive> containers = new java.util.ArrayList<>();
        for (Resource r : Resources.flatten(config.resources())) {
            if (r instanceof Primitive p && !out.containsKey(p.id())) {
                out.put(p.id(), withTemplate(config, p));
                containers.add(p);
            }
        }
        // a guest node's connection, which the configuration implies and the scheduler schedules
        for (Primitive container : containers) {
            org.vigil.cib.GuestConnection.of(container).ifPresent(c -> out.putIfAbsent(c.id(), c));
        }
        return out;
    }

    private static Primitive withTemplate(Configuration config, Primitive p) {
        if (p.template() == null) {
            return p;
        }
        for (Resource r : config.resources()) {
            if (r instanceof ResourceTemplate t && t.id().equals(p.template())) {
                return p.withTemplate(t.definition());
            }
        }
        return p;
    }

    static ExecRequest build(Configuration config, GraphAction a, int transitionId, String transitionKey) {
        return build(config, index(config), null, a, transitionId, transitionKey);
    }

    /**
     * What a primitive's operation (task and interval) runs with, whatever the transition: worked out once
     * per configuration, as a large cluster dispatches the same few operations of each resource often.
     */
    record Shape(Map<String, String> meta, boolean promotedMonitor, AgentAction plain) {}

    /** Which operation a {@link Shape} is of: a record, so no key text is built per dispatched action. */
    record ShapeKey(String primitive, String task, long intervalMs) {
        // written out: the generated ones go through method handles, and every dispatched action looks one up
        @Override
        public int hashCode() {
            return (primitive.hashCode() * 31 + task.hashCode()) * 31 + Long.hashCode(intervalMs);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ShapeKey k && intervalMs == k.intervalMs && primitive.equals(k.primitive)
                    && task.equals(k.task);
        }
    }

    private static Shape shape(Configuration config, Primitive p, GraphAction a) {
        String provider = p.provider() == null ? "" : p.provider();
        ActionName action = ActionName.parse(a.task()).orElseThrow(() -> new IllegalArgumentException(
                "transition action " + a.key() + " has no agent action " + a.task()));
        AgentId agent = new AgentId(p.resourceClass(), provider, p.type());
        Map<String, String> params = Map.copyOf(NvSets.unconditional(p.instanceAttributes()));
        Map<String, String> meta =
                java.util.Collections.unmodifiableMap(new LinkedHashMap<>(NvSets.unconditional(p.metaAttributes())));
        Duration timeout = timeout(config, p, a.task(), a.intervalMs());
        boolean promotedMonitor = promotedMonitor(p, a);
        AgentAction plain = new AgentAction(agent, a.resource(), action, params,
                requestMeta(meta, Map.of(), timeout, a.intervalMs(), promotedMonitor), depth(p, a), timeout);
        return new Shape(meta, promotedMonitor, plain);
    }

    /** The meta attributes an operation runs with: its primitive's, the transition's, timeout, interval. */
    private static Map<String, String> requestMeta(Map<String, String> primitiveMeta, Map<String, String> actionMeta,
            Duration timeout, long intervalMs, boolean promotedMonitor) {
        Map<String, String> meta = new LinkedHashMap<>(primitiveMeta);
        meta.putAll(actionMeta);
        meta.put("timeout", Long.toString(timeout.toMillis()));
        meta.put("interval", Long.toString(intervalMs));
        if (promotedMonitor) {
            // a monitor of the promoted role expects "running promoted" (8), as Pacemaker's op_target_rc says
            meta.put("op_target_rc", "8");
        }
        return meta;
    }

    /**
     * As above, with the configuration's {@link #index} made once for many actions, and {@code shapes}
     * (null: none) remembering each operation's {@link Shape} for this configuration.
     */
    static ExecRequest build(Configuration config, Map<String, Primitive> primitives, Map<ShapeKey, Shape> shapes,
            GraphAction a, int transitionId, String transitionKey) {
        Primitive p = Optional.ofNullable(a.resource() == null ? null : primitives.get(base(a.resource())))
                .orElseThrow(() -> new IllegalArgumentException(
                        "transition action " + a.key() + " names no configured primitive"));
        Shape s = shapes == null ? shape(config, p, a)
                : shapes.computeIfAbsent(new ShapeKey(p.id(), a.task(), a.intervalMs()),
                        k -> shape(config, p, a));
        AgentAction plain = s.plain();
        if (s.promotedMonitor()) {
            // the transition key carries the promoted monitor's expected 8, so the result is judged against it
            // when the CIB is read back
            String[] parts = transitionKey.split(":", 4);
            if (parts.length == 4) {
                transitionKey = parts[0] + ":" + parts[1] + ":8:" + parts[3];
            }
        }
        // most actions (every probe of a rejoining node) carry nothing of the transition's own: the same
        // action as last time then
        AgentAction action = a.meta().isEmpty() && plain.resourceInstance().equals(a.resource()) ? plain
                : new AgentAction(plain.agent(), a.resource(), plain.action(), plain.params(),
                        requestMeta(s.meta(), a.meta(), plain.timeout(), a.intervalMs(), s.promotedMonitor()),
                        plain.depth(), plain.timeout());
        return new ExecRequest(transitionId, a.id(), transitionKey, action, p.resourceClass(), p.provider(), p.type(),
                a.intervalMs());
    }

    /**
     * Pacemaker's {@code cancel}: the node's LRM stops its recurring operation named in the action's meta
     * {@code operation} (monitor by default) at the action's interval. The request names that operation, so
     * the LRM finds it as it was asked to run it; the agent itself is not called.
     */
    static ExecRequest cancel(Configuration config, Map<String, Primitive> primitives, GraphAction a,
            int transitionId, String transitionKey) {
        String operation = a.meta().getOrDefault("operation", "monitor");
        Map<String, String> meta = new LinkedHashMap<>(a.meta());
        meta.remove("operation");
        GraphAction cancelled = new GraphAction(a.id(), operation, a.resource(), a.node(), a.intervalMs(), false,
                meta, a.predecessors());
        ExecRequest r = build(config, primitives, null, cancelled, transitionId, transitionKey);
        return new ExecRequest(r.transitionId(), r.actionId(), r.transitionKey(), r.action(), r.resourceClass(),
                r.provider(), r.type(), r.intervalMs(), true);
    }

    /**
     * An action on an orphan (a resource in the node's history that the configuration no longer has: deleted
     * while running): Pacemaker's scheduler stops it with the agent its history names. It carries no
     * parameters; the node's LRM stops it with those of its last start, as Pacemaker's controller does.
     */
    static ExecRequest orphan(org.vigil.cib.LrmResource history, Configuration config, GraphAction a,
            int transitionId, String transitionKey) {
        ActionName action = ActionName.parse(a.task()).orElseThrow(() -> new IllegalArgumentException(
                "transition action " + a.key() + " has no agent action " + a.task()));
        String provider = history.provider() == null ? "" : history.provider();
        AgentId agent = new AgentId(history.resourceClass(), provider, history.type());
        String spec = NvSets.firstValue(config.opDefaults(), "timeout").orElse(null);
        long ms = spec == null ? -1 : Durations.parseIntervalMs(spec);
        Duration timeout = Duration.ofMillis(ms > 0 ? ms : DEFAULT_TIMEOUT.toMillis());
        AgentAction agentAction = new AgentAction(agent, a.resource(), action, Map.of(),
                requestMeta(Map.of(), a.meta(), timeout, a.intervalMs(), false), 0, timeout);
        return new ExecRequest(transitionId, a.id(), transitionKey, agentAction, history.resourceClass(),
                history.provider(), history.type(), a.intervalMs());
    }

    /** Whether the configuration has the primitive behind this action. */
    static boolean configured(Map<String, Primitive> primitives, GraphAction a) {
        return a.resource() != null && primitives.containsKey(base(a.resource()));
    }

    private static boolean promotedMonitor(Primitive p, GraphAction a) {
        if (!a.task().equals("monitor") || a.intervalMs() <= 0) {
            return false;
        }
        Op op = matchingOp(p, a.task(), a.intervalMs());
        String role = op == null ? null : op.attribute("role");
        return role != null && (role.equalsIgnoreCase("Promoted") || role.equalsIgnoreCase("Master"));
    }

    private static int depth(Primitive p, GraphAction a) {
        Op op = matchingOp(p, a.task(), a.intervalMs());
        if (op == null) {
            return 0;
        }
        String d = op.attribute("OCF_CHECK_LEVEL");
        if (d == null) {
            d = NvSets.firstValue(op.instanceAttributes(), "OCF_CHECK_LEVEL").orElse(op.attribute("depth"));
        }
        try {
            return d == null ? 0 : Integer.parseInt(d.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The op's own timeout, else op_defaults, else Pacemaker's default of 20 s. */
    static Duration timeout(Configuration config, Primitive p, String task, long intervalMs) {
        Op op = matchingOp(p, task, intervalMs);
        String spec = op == null ? null : op.attribute("timeout");
        if (spec == null) {
            spec = NvSets.firstValue(config.opDefaults(), "timeout").orElse(null);
        }
        long ms = spec == null ? -1 : Durations.parseIntervalMs(spec);
        return Duration.ofMillis(ms > 0 ? ms : DEFAULT_TIMEOUT.toMillis());
    }

    private static Op matchingOp(Primitive p, String task, long intervalMs) {
        for (Op op : p.operations().ops()) {
            if (task.equals(op.name()) && Math.max(0, Durations.parseIntervalMs(op.interval())) == intervalMs) {
                return op;
            }
        }
        return null;
    }
}
