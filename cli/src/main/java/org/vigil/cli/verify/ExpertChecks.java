package org.vigil.cli.verify;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vigil.cib.Booleans;
import org.vigil.cib.Cib;
import org.vigil.cib.Clone;
import org.vigil.cib.ColocationConstraint;
import org.vigil.cib.Configuration;
import org.vigil.cib.Constraint;
import org.vigil.cib.LocationConstraint;
import org.vigil.cib.NodeState;
import org.vigil.cib.NvPair;
import org.vigil.cib.NvSet;
import org.vigil.cib.NvSets;
import org.vigil.cib.Op;
import org.vigil.cib.OrderConstraint;
import org.vigil.cib.Primitive;
import org.vigil.cib.Resource;
import org.vigil.cib.Resources;
import org.vigil.cli.Suggestions;

/**
 * Configuration smells an experienced Pacemaker administrator would point out: valid, but likely to hurt
 * (no fencing, clone orderings without interleave, move constraints left behind, ...).
 */
public final class ExpertChecks {
    static final Set<String> PROPERTIES = Set.of("batch-limit", "cluster-delay", "cluster-infrastructure",
            "cluster-ipc-limit", "cluster-name", "cluster-recheck-interval", "concurrent-fencing", "dc-deadtime",
            "dc-version", "election-timeout", "enable-acl", "enable-startup-probes", "fence-reaction",
            "have-watchdog", "join-finalization-timeout", "join-integration-timeout", "load-threshold",
            "maintenance-mode", "migration-limit", "no-quorum-policy", "node-action-limit", "node-health-base",
            "node-health-green", "node-health-red", "node-health-strategy", "node-health-yellow",
            "node-pending-timeout", "placement-strategy", "priority-fencing-delay", "remove-after-stop",
            "shutdown-escalation", "shutdown-lock", "shutdown-lock-limit", "start-failure-is-fatal",
            "startup-fencing", "stonith-action", "stonith-enabled", "fencing-enabled", "stonith-max-attempts",
            "stonith-timeout", "stonith-watchdog-timeout", "stop-all-resources", "stop-orphan-actions",
            "stop-orphan-resources", "symmetric-cluster", "transition-delay", "last-lrm-refresh",
            "pe-error-series-max", "pe-input-series-max", "pe-warn-series-max", "default-resource-stickiness",
            "is-managed-default", "default-action-timeout", "expected-quorum-votes", "crmd-transition-delay",
            "crmd-integration-timeout", "crmd-finalization-timeout", "fencing-action",
            "fencing-timeout", "fencing-max-attempts", "fencing-watchdog-timeout", "fencing-reaction");
    static final Set<String> META = Set.of("priority", "critical", "target-role", "is-managed", "maintenance",
            "resource-stickiness", "requires", "migration-threshold", "failure-timeout", "multiple-active",
            "allow-migrate", "allow-unhealthy-nodes", "container-attribute-target", "remote-node", "remote-port",
            "remote-addr", "remote-connect-timeout", "remote-allow-migrate", "globally-unique", "clone-max",
            "clone-node-max", "clone-min", "notify", "ordered", "interleave", "promotable", "promoted-max",
            "promoted-node-max", "master-max", "master-node-max", "restart-type", "description",
            "resource-failure-stickiness", "timeout", "interval", "record-pending", "on-fail", "enabled",
            "start-delay", "interval-origin", "role");
    private static final Set<String> VM_AGENTS = Set.of("Xen", "VirtualDomain", "xen", "kvm", "vm");

    private ExpertChecks() {}

    /**
     * A one-line warning when {@code name} is not a cluster property ({@code property}) or meta attribute
     * Pacemaker knows, with the closest known names; empty when it is known.
     */
    public static java.util.Optional<String> unknownName(boolean property, String name) {
        Set<String> known = property ? PROPERTIES : META;
        if (known.contains(name)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("WARNING: '" + name + "' is not a " + (property ? "cluster property" : "meta attribute")
                + " Pacemaker knows; it has no effect" + Suggestions.hint(name, known));
    }

    public static List<Finding> check(Cib cib) {
        List<Finding> out = new ArrayList<>();
        Configuration c = cib.configuration();
        Map<String, String> props = NvSets.unconditional(c.clusterProperties());
        fencing(cib, props, out);
        quorum(cib, props, out);
        for (Constraint k : c.constraints()) {
            leftoverMove(k, out);
            interleave(c, k, out);
            promotedRole(c, k, out);
        }
        for (Primitive p : Resources.primitives(c.resources())) {
            monitor(p, out);
            migration(p, out);
        }
        unknownNames(c, props, out);
        return out;
    }

    static int nodeCount(Cib cib) {
        Set<String> names = new HashSet<>();
        cib.configuration().nodes().forEach(n -> names.add(n.uname() == null ? n.id() : n.uname()));
        for (NodeState s : cib.status().nodeStates()) {
            names.add(s.uname() == null ? s.id() : s.uname());
        }
        return names.size();
    }

    private static void fencing(Cib cib, Map<String, String> props, List<Finding> out) {
        String enabled = props.getOrDefault("fencing-enabled", props.get("stonith-enabled"));
        boolean disabled = enabled != null && !Booleans.isTrue(enabled);
        boolean devices = Resources.primitives(cib.configuration().resources()).stream()
                .anyMatch(p -> "stonith".equals(p.resourceClass()));
        int nodes = nodeCount(cib);
        if (disabled) {
            String two = nodes == 2 ? "in a two-node cluster each node will assume the other is dead when the "
                    + "link between them fails, and both will run the same resources; " : "";
            out.add(Finding.warning(null, "fencing is disabled (stonith-enabled=false): " + two
                    + "a lost node's resources are started elsewhere without proof it stopped them, so a VM can "
                    + "run on two hosts at once and corrupt its disk; configure a fence device "
                    + "(primitive ... stonith:...) and enable fencing"));
        } else if (!devices && !cib.configuration().resources().isEmpty()) {
            out.add(Finding.warning(null, "fencing is enabled but no fence device (stonith:...) is configured: "
                    + "Pacemaker will not start resources until one exists"));
        }
    }

    private static void quorum(Cib cib, Map<String, String> props, List<Finding> out) {
        int nodes = nodeCount(cib);
        if ("ignore".equals(props.get("no-quorum-policy")) && nodes > 2) {
            out.add(Finding.warning(null, "no-quorum-policy=ignore in a " + nodes + "-node cluster: a minority "
                    + "partition keeps running resources the majority also runs; use stop (the default) or freeze"));
        }
    }

    private static void leftoverMove(Constraint k, List<Finding> out) {
        if (!(k instanceof LocationConstraint l) || l.id() == null) {
            return;
        }
        if (l.id().startsWith("cli-prefer-") || l.id().startsWith("cli-ban-")) {
            String rsc = l.rsc() == null ? "the resource" : l.rsc();
            out.add(Finding.warning(l.id(), "left behind by 'crm resource move/ban': it pins " + rsc
                    + (l.id().startsWith("cli-ban-") ? " away from " : " to ") + (l.node() == null ? "a node" : l.node())
                    + " until removed with 'crm resource clear " + rsc + "'"));
        }
    }

    static Optional<String> meta(Configuration c, Resource r, String name) {
        List<NvSet> sets = List.of();
        if (r instanceof Clone k) {
            sets = k.metaAttributes();
        } else if (r instanceof Primitive p) {
            sets = p.metaAttributes();
        } else if (r instanceof org.vigil.cib.Group g) {
            sets = g.metaAttributes();
        }
        Optional<String> v = NvSets.firstValue(sets, name);
        return v.isPresent() ? v : NvSets.firstValue(c.rscDefaults(), name);
    }

    private static void interleave(Configuration c, Constraint k, List<Finding> out) {
        if (!(k instanceof OrderConstraint o) || o.first() == null || o.then() == null) {
            return;
        }
        Optional<Resource> first = c.resource(o.first());
        Optional<Resource> then = c.resource(o.then());
        if (first.isEmpty() || then.isEmpty() || !(first.get() instanceof Clone)
                || !(then.get() instanceof Clone)) {
            return;
        }
        boolean interleaved = meta(c, then.get(), "interleave").map(Booleans::isTrue).orElse(false);
        if (!interleaved) {
            out.add(Finding.warning(o.id(), "orders clone " + o.then() + " after clone " + o.first()
                    + " but " + o.then() + " lacks meta interleave=true: every instance waits for all instances "
                    + "of " + o.first() + ", so a restart of " + o.first() + " on one node restarts " + o.then()
                    + " (and the VMs on top of it) on every node"));
        }
    }

    private static void promotedRole(Configuration c, Constraint k, List<Finding> out) {
        if (k instanceof ColocationConstraint col) {
            checkRole(c, col.id(), col.rsc(), col.rscRole(), out);
            checkRole(c, col.id(), col.withRsc(), col.withRscRole(), out);
        } else if (k instanceof OrderConstraint o) {
            for (String[] pair : new String[][] {{o.first(), o.firstAction()}, {o.then(), o.thenAction()}}) {
                if (pair[0] != null && ("promote".equals(pair[1]) || "demote".equals(pair[1]))) {
                    Optional<Resource> r = c.resource(pair[0]);
                    if (r.isPresent() && !(r.get() instanceof Clone cl && cl.promotable())) {
                        out.add(Finding.warning(o.id(), pair[0] + " is not promotable, so its " + pair[1]
                                + " never happens and this order never applies"));
                    }
                }
            }
        }
    }

    private static void checkRole(Configuration c, String cid, String rsc, String role, List<Finding> out) {
        if (rsc == null || role == null) {
            return;
        }
        if (!List.of("Master", "Slave", "Promoted", "Unpromoted").contains(role)) {
            return;
        }
        Optional<Resource> r = c.resource(rsc);
        if (r.isPresent() && !(r.get() instanceof Clone cl && cl.promotable())) {
            out.add(Finding.warning(cid, rsc + " is not promotable, so role " + role + " never matches"));
        }
    }

    private static void monitor(Primitive p, List<Finding> out) {
        if (p.template() != null || "stonith".equals(p.resourceClass())) {
            return;
        }
        boolean monitored = p.operations().ops().stream().anyMatch(o -> "monitor".equals(o.name())
                && o.interval() != null && !o.interval().trim().matches("0+\\s*[a-z]*"));
        if (!monitored && p.operations().idRef() == null) {
            out.add(Finding.warning(p.id(), "has no recurring monitor op: a failure is only noticed when "
                    + "someone looks (add e.g. op monitor interval=30s timeout=30s)"));
        }
    }

    private static void migration(Primitive p, List<Finding> out) {
        if (p.type() == null || !VM_AGENTS.contains(p.type())) {
            return;
        }
        boolean migrate = NvSets.firstValue(p.metaAttributes(), "allow-migrate").map(Booleans::isTrue).orElse(false);
        if (!migrate) {
            return;
        }
        for (String name : List.of("migrate_to", "migrate_from")) {
            Optional<Op> op = p.operations().ops().stream().filter(o -> name.equals(o.name())).findFirst();
            if (op.isEmpty() || op.get().attribute("timeout") == null) {
                out.add(Finding.info(p.id(), "allow-migrate=true but no " + name + " timeout: the default "
                        + "(20s) is far shorter than a live migration (a 32 GB VM took 18 minutes)"));
            }
        }
    }

    private static void unknownNames(Configuration c, Map<String, String> props, List<Finding> out) {
        for (String name : props.keySet()) {
            if (!PROPERTIES.contains(name)) {
                out.add(Finding.warning(null, "unknown cluster property '" + name + "'"
                        + Suggestions.hint(name, PROPERTIES)));
            }
        }
        for (Resource r : Resources.flatten(c.resources())) {
            List<NvSet> sets = r instanceof Primitive p ? p.metaAttributes()
                    : r instanceof Clone k ? k.metaAttributes()
                            : r instanceof org.vigil.cib.Group g ? g.metaAttributes() : List.of();
            for (NvSet s : sets) {
                for (NvPair pair : s.pairs()) {
                    if (pair.name() != null && !META.contains(pair.name())) {
                        out.add(Finding.warning(r.id(), "unknown meta attribute '" + pair.name() + "'"
                                + Suggestions.hint(pair.name(), META)));
                    }
                }
            }
        }
        for (NvSet s : c.rscDefaults()) {
            for (NvPair pair : s.pairs()) {
                if (pair.name() != null && !META.contains(pair.name())) {
                    out.add(Finding.warning(s.id(), "unknown rsc_defaults attribute '" + pair.name() + "'"
                            + Suggestions.hint(pair.name(), META)));
                }
            }
        }
    }
}
