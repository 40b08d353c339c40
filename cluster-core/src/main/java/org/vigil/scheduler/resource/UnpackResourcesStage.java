package org.vigil.scheduler.resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.cib.Booleans;
import org.vigil.cib.Clone;
import org.vigil.cib.Group;
import org.vigil.cib.NvPair;
import org.vigil.cib.NvSet;
import org.vigil.cib.OpaqueResource;
import org.vigil.cib.Primitive;
import org.vigil.cib.Resource;
import org.vigil.cib.ResourceTemplate;
import org.vigil.cib.Score;
import org.vigil.rules.RuleContext;
import org.vigil.scheduler.MetaAttributes;
import org.vigil.scheduler.Role;
import org.vigil.scheduler.Stage;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.constraint.ColocationConstraints;
import org.vigil.scheduler.node.NodeKind;
import org.vigil.scheduler.node.NodeScores;
import org.vigil.scheduler.node.RemoteNodes;
import org.vigil.scheduler.node.SchedNode;

/** Builds the resource tree: effective meta-attributes, clone instances, initial allowed nodes. */
public final class UnpackResourcesStage implements Stage {
    private int order;
    /**
     * Guest nodes of bundles not unpacked yet: Pacemaker makes a bundle's node when it unpacks the bundle (unless
     * the nodes section names it already), so a clone configured before it does not count it in its default
     * clone-max.
     */
    private int bundleNodesToCome;
    private final Map<String, Primitive> templates = new LinkedHashMap<>();

    @Override
    public String name() {
        return "unpack resources";
    }

    @Override
    public void run(WorkingSet ws) {
        bundleNodesToCome = (int) ws.nodes.stream().filter(n -> madeByBundle(ws, n)).count();
        for (Resource r : ws.cib.configuration().resources()) {
            if (r instanceof ResourceTemplate t) {
                templates.put(t.id(), t.definition());
            }
        }
        for (Resource r : ws.cib.configuration().resources()) {
            if (r instanceof ResourceTemplate) {
                continue;
            }
            Rsc rsc = build(ws, r, null, null);
            if (rsc != null) {
                ws.resources.add(rsc);
            }
        }
        addGuestConnections(ws);
        for (PrimitiveRsc p : ws.primitives) {
            String container = p.meta.get("container");
            if (container != null && p.container == null) {
                p.container = ws.byId.get(container);
            }
        }
        // Pacemaker processes resources by descending priority; the sort is stable, ties keep config order.
        ws.resources.sort((a, b) -> Integer.compare(b.priority, a.priority));
    }

    private Rsc build(WorkingSet ws, Resource r, Rsc parent, String instanceSuffix) {
        if (r instanceof OpaqueResource o) {
            org.vigil.cib.Bundle b = ws.bundles.get(o.id());
            if (b != null && o.element().name().equals("bundle")) {
                return buildBundle(ws, b);
            }
            if (b == null && !o.element().name().equals("bundle")) {
                ws.unsupported.add(o.element().name() + " resources (" + o.id() + ")");
            }
            return null;
        }
        String suffix = instanceSuffix == null ? "" : instanceSuffix;
        // names made once per configuration, not per run: "id" + "" would be a new string every run, hashed
        // and compared afresh wherever a run looks a resource up
        if (r instanceof Primitive p) {
            Primitive def = p.template() != null && templates.containsKey(p.template())
                    ? p.withTemplate(templates.get(p.template())) : p;
            PrimitiveRsc rsc = new PrimitiveRsc(suffix.isEmpty() ? p.id() : p.id() + suffix, p.id(), parent, order++, def);
            rsc.ops = def.operations().ops();
            RuleContext ctx = ws.rules().withResource(
                    new RuleContext.ResourceKind(def.resourceClass(), def.provider(), def.type()));
            fillMeta(ws, rsc, def.metaAttributes(), ctx);
            for (NvSet u : def.utilization()) {
                for (NvPair pair : u.pairs()) {
                    rsc.utilization.put(pair.name(), Score.parseOr(pair.value(), 0));
                }
            }
            applyCommonMeta(ws, rsc);
            if ("unfencing".equals(rsc.meta.get("provides")) || "unfencing".equals(
                    MetaAttributes.firstOf(def.instanceAttributes(), "provides"))) {
                ws.unfencing = true;
            }
            if (RemoteNodes.isConnectionAgent(def) && suffix.isEmpty()) {
                SchedNode remote = ws.node(p.id());
                if (remote != null && remote.kind == NodeKind.REMOTE) {
                    rsc.remoteNode = remote;
                    remote.connection = rsc;
                }
            }
            rsc.allowMigrate = rsc.metaTrue("allow-migrate", false);
            register(ws, rsc);
            rsc.configuredIndex = ws.primitives.size();
            ws.primitives.add(rsc);
            return rsc;
        }
        if (r instanceof Group g) {
            GroupRsc rsc = new GroupRsc(suffix.isEmpty() ? g.id() : g.id() + suffix, parent, order++);
            fillMeta(ws, rsc, g.metaAttributes(), ws.rules());
            applyCommonMeta(ws, rsc);
            // a group's own ordered/collocated settings, not a clone's "ordered" inherited from above
            java.util.Map<String, String> own = new LinkedHashMap<>();
            MetaAttributes.fill(g.metaAttributes(), ws.rules(), own, false);
            rsc.ordered = own.get("ordered") == null || Booleans.isTrue(own.get("ordered"));
            rsc.colocated = own.get("collocated") == null || Booleans.isTrue(own.get("collocated"));
            register(ws, rsc);
            for (Resource c : g.children()) {
                Rsc child = build(ws, c, rsc, instanceSuffix);
                if (child != null) {
                    rsc.children.add(child);
                }
            }
            return rsc;
        }
        if (r instanceof Clone c) {
            CloneRsc rsc = c.promotable() ? new PromotableCloneRsc(c.id(), parent, order++)
                    : new CloneRsc(c.id(), parent, order++);
            fillMeta(ws, rsc, c.metaAttributes(), ws.rules());
            applyCommonMeta(ws, rsc);
            cloneMeta(ws, rsc, ws.nodes.size() - bundleNodesToCome);
            register(ws, rsc);
            if (c.child() == null) {
                return rsc;
            }
            rsc.childBaseId = c.child().id();
            if (rsc.unique && !uniqueCapable(c.child())) {
                // Pacemaker's pe__force_anon: agents of these classes cannot be globally unique, so the clone is
                // anonymous, one instance per node at most
                rsc.unique = false;
                rsc.cloneNodeMax = 1;
                rsc.cloneMax = Math.min(rsc.cloneMax, ws.nodes.size() - bundleNodesToCome);
            }
            if (c.child() instanceof Clone) {
                ws.unsupported.add("clones of clones (" + c.id() + ")");
                return rsc;
            }
            for (int i = 0; i < rsc.cloneMax; i++) {
                Rsc child = build(ws, c.child(), rsc, ":" + i);
                if (child != null) {
                    rsc.children.add(child);
                }
            }
            return rsc;
        }
        return null;
    }

    /** Whether every primitive under {@code r} has an agent class that supports globally unique clones. */
    private static boolean uniqueCapable(Resource r) {
        for (Resource x : org.vigil.cib.Resources.flatten(List.of(r))) {
            if (x instanceof Primitive p && p.resourceClass() != null && List.of("lsb", "systemd", "service",
                    "upstart", "nagios").contains(p.resourceClass().toLowerCase(java.util.Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A bundle: its replicas' parts (children of the bundle, so they take its meta-attributes), each replica's
     * connection making its guest node, and the clone {@code BUNDLE-clone} of the bundle's primitive, one
     * instance per replica, as Pacemaker's pe__unpack_bundle builds them.
     */
    private BundleRsc buildBundle(WorkingSet ws, org.vigil.cib.Bundle b) {
        BundleRsc rsc = new BundleRsc(b.id(), order++, b.runtime().replicasPerHost());
        fillMeta(ws, rsc, b.metaAttributes(), ws.rules());
        applyCommonMeta(ws, rsc);
        register(ws, rsc);
        for (org.vigil.cib.BundleReplica replica : org.vigil.cib.BundleReplica.of(b)) {
            PrimitiveRsc container = (PrimitiveRsc) build(ws, replica.container(), rsc, null);
            PrimitiveRsc ip = replica.ip() == null ? null : (PrimitiveRsc) build(ws, replica.ip(), rsc, null);
            PrimitiveRsc connection = null;
            SchedNode node = replica.guestNode() == null ? null : ws.node(replica.guestNode());
            if (node != null) {
                connection = (PrimitiveRsc) build(ws, replica.connection(), rsc, null);
                connection.container = container;
                connection.allowRemoteRemotes = true;
                connection.remoteNode = node;
                node.connection = connection;
            }
            if (ip != null) {
                ColocationConstraints.add(ws, "ip-with-docker", ip, container, Score.INFINITY, Role.UNKNOWN,
                        Role.UNKNOWN, null, "true");
            }
            rsc.addReplica(new BundleRsc.Replica(replica.index(), container, ip, connection, node));
            if (node != null && madeByBundle(ws, node)) {
                bundleNodesToCome--;
            }
        }
        if (b.primitive() != null) {
            rsc.clone = bundleClone(ws, b, rsc);
        }
        return rsc;
    }

    /** A bundle's guest node that the nodes section does not name: it exists once its bundle is unpacked. */
    public static boolean madeByBundle(WorkingSet ws, SchedNode n) {
        return n.isGuest() && n.bundleReplica
                && ws.cib.configuration().nodes().stream().noneMatch(c -> n.uname.equals(c.uname()));
    }

    /**
     * A clone's own meta attributes (a configured clone's, or a bundle's inner clone's).
     *
     * @param nodes the nodes known when the clone is unpacked (the default clone-max)
     */
    private static void cloneMeta(WorkingSet ws, CloneRsc rsc, int nodes) {
        rsc.unique = rsc.metaTrue("globally-unique", false);
        rsc.interleave = rsc.metaTrue("interleave", false);
        rsc.orderedClone = rsc.metaTrue("ordered", false);
        rsc.notify = rsc.metaTrue("notify", false);
        rsc.cloneMax = intMeta(rsc, nodes, "clone-max");
        rsc.cloneNodeMax = intMeta(rsc, 1, "clone-node-max");
        rsc.cloneMin = intMeta(rsc, 0, "clone-min");
        rsc.promotedMax = intMeta(rsc, 1, "promoted-max", "master-max");
        rsc.promotedNodeMax = intMeta(rsc, 1, "promoted-node-max", "master-node-max");
        if (!rsc.meta.containsKey("resource-stickiness") && ws.defaultStickiness == null) {
            rsc.stickiness = 1;
            rsc.meta.put("resource-stickiness", "1");
        }
    }

    private CloneRsc bundleClone(WorkingSet ws, org.vigil.cib.Bundle b, BundleRsc bundle) {
        boolean promotable = b.promotable() || Booleans.isTrue(bundle.meta.get("promotable"));
        CloneRsc rsc = promotable ? new PromotableCloneRsc(b.id() + "-clone", null, order++)
                : new CloneRsc(b.id() + "-clone", null, order++);
        rsc.bundle = bundle;
        rsc.meta.putAll(bundle.meta);
        rsc.meta.put("clone-max", Integer.toString(b.runtime().replicas()));
        rsc.meta.put("clone-node-max", Integer.toString(b.runtime().replicasPerHost()));
        rsc.meta.put("globally-unique", Boolean.toString(b.runtime().replicasPerHost() > 1));
        if (b.promotable()) {
            rsc.meta.put("promotable", "true");
            rsc.meta.put("promoted-max", Integer.toString(b.runtime().promotedMax()));
        }
        applyCommonMeta(ws, rsc);
        cloneMeta(ws, rsc, ws.nodes.size()); // clone-max and clone-node-max are the replicas, put in its meta above
        register(ws, rsc);
        rsc.childBaseId = b.primitive().id();
        for (int i = 0; i < rsc.cloneMax; i++) {
            Rsc child = build(ws, b.primitive(), rsc, ":" + i);
            if (child != null) {
                rsc.children.add(child);
                // the instance may run in its replica's guest node only (weight 500, as Pacemaker gives it)
                SchedNode own = i < bundle.replicas.size() ? bundle.replicas.get(i).node() : null;
                for (SchedNode n : ws.nodes) {
                    child.allowed.set(n.index, n == own ? 500 : Score.MINUS_INFINITY);
                }
                if (own != null) {
                    List<PrimitiveRsc> prims = new ArrayList<>();
                    child.collectPrimitives(prims);
                    prims.forEach(p -> ws.exclusiveDiscovery.put(p, java.util.Set.of(own)));
                }
            }
        }
        ws.resources.add(rsc);
        return rsc;
    }

    /**
     * A guest node is reached through an implicit {@code ocf:pacemaker:remote} connection named after the node,
     * inside its container, as Pacemaker adds one to the configuration.
     */
    private void addGuestConnections(WorkingSet ws) {
        for (PrimitiveRsc container : List.copyOf(ws.primitives)) {
            String guest = container.meta.get("remote-node");
            if (guest == null || container.parent != null && container.parent.isClone() || RemoteNodes.isConnectionAgent(
                    container.definition) || ws.byId.containsKey(guest.trim())) {
                continue;
            }
            SchedNode node = ws.node(guest.trim());
            if (node == null || !node.isGuest()) {
                continue;
            }
            Primitive def = org.vigil.cib.GuestConnection.of(container.definition).orElse(null);
            if (def == null) {
                continue; // named through a rule only: nothing Pacemaker would add either
            }
            PrimitiveRsc rsc = new PrimitiveRsc(node.uname, node.uname, null, order++, def);
            rsc.ops = def.operations().ops();
            fillMeta(ws, rsc, List.of(), ws.rules());
            rsc.meta.put("container", container.id);
            String migrate = container.meta.get("remote-allow-migrate");
            if (migrate != null) {
                rsc.meta.put("allow-migrate", migrate);
            }
            String managed = container.meta.get("is-managed");
            if (managed != null) {
                rsc.meta.put("is-managed", managed);
            }
            applyCommonMeta(ws, rsc);
            rsc.allowMigrate = rsc.metaTrue("allow-migrate", false);
            rsc.container = container;
            rsc.remoteNode = node;
            node.connection = rsc;
            register(ws, rsc);
            rsc.configuredIndex = ws.primitives.size();
            ws.primitives.add(rsc);
            ws.resources.add(rsc);
        }
    }

    private static int intMeta(Rsc rsc, int dflt, String... keys) {
        for (String k : keys) {
            String v = rsc.meta.get(k);
            if (v != null) {
                try {
                    return Integer.parseInt(v.trim());
                } catch (NumberFormatException e) {
                    return dflt;
                }
            }
        }
        return dflt;
    }

    private static void register(WorkingSet ws, Rsc rsc) {
        ws.byId.put(rsc.id, rsc);
        rsc.allowed = new NodeScores(ws.nodes.size());
    }

    private static void fillMeta(WorkingSet ws, Rsc rsc, List<NvSet> own, RuleContext ctx) {
        MetaAttributes.fill(own, ctx, rsc.meta, false);
        if (rsc.parent != null) {
            rsc.parent.meta.forEach(rsc.meta::putIfAbsent);
        } else {
            MetaAttributes.fill(ws.cib.configuration().rscDefaults(), ctx, rsc.meta, false);
        }
        if (rsc.parent != null) {
            // rsc_defaults may use rsc_expression rules that only match the primitive itself
            Map<String, String> defaults = new LinkedHashMap<>();
            MetaAttributes.fill(ws.cib.configuration().rscDefaults(), ctx, defaults, false);
            defaults.forEach(rsc.meta::putIfAbsent);
        }
    }

    private static void applyCommonMeta(WorkingSet ws, Rsc rsc) {
        rsc.priority = Score.parseOr(rsc.meta.get("priority"), 0);
        String stick = rsc.meta.get("resource-stickiness");
        if (stick == null) {
            stick = ws.defaultStickiness;
        }
        rsc.stickiness = Score.parseOr(stick, 0);
        String managed = rsc.meta.get("is-managed");
        rsc.managed = managed == null || Booleans.isTrue(managed);
        // maintenance-mode leaves every resource unmanaged; only a resource's own maintenance meta attribute puts
        // it in maintenance (Pacemaker 2.1.5 shows the first "(unmanaged)", the second "(maintenance)")
        if (ws.maintenanceMode) {
            rsc.managed = false;
        }
        if (Booleans.isTrue(rsc.meta.get("maintenance"))) {
            rsc.managed = false;
            rsc.maintenance = true;
        }
        String critical = rsc.meta.get("critical");
        rsc.critical = critical == null || Booleans.isTrue(critical);
        String target = rsc.meta.get("target-role");
        if (target != null) {
            Role t = Role.parse(target);
            if (t == Role.STOPPED) {
                rsc.mustStop = true;
                rsc.nextRole = Role.STOPPED;
                rsc.nextRoleReason = "target-role";
            }
        }
    }
}
