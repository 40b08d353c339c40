package org.vigil.cli.shell;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vigil.cib.Clone;
import org.vigil.cib.Configuration;
import org.vigil.cib.Constraint;
import org.vigil.cib.Group;
import org.vigil.cib.Node;
import org.vigil.cib.NvPair;
import org.vigil.cib.NvSet;
import org.vigil.cib.OpaqueResource;
import org.vigil.cib.Primitive;
import org.vigil.cib.Resource;
import org.vigil.cib.ResourceTemplate;
import org.vigil.cib.Resources;
import org.vigil.cib.XmlElement;
import org.vigil.cli.Suggestions;

/**
 * Merges parsed statements into a configuration. Resources are applied before containers (primitives,
 * then groups, then clones) so a file may name them in any order; a new group or clone takes the place of
 * its first member.
 */
public final class ConfigApplier {
    /** CREATE refuses ids that exist (object commands); UPDATE replaces them ({@code load update}, edit). */
    public enum Mode { CREATE, UPDATE }

    private final Mode mode;
    private Configuration conf;

    private ConfigApplier(Configuration base, Mode mode) {
        this.conf = base;
        this.mode = mode;
    }

    /** @throws ShellSyntaxException with the offending statement's line when a statement cannot apply */
    public static Configuration apply(Configuration base, List<Statement> statements, Mode mode) {
        ConfigApplier a = new ConfigApplier(base, mode);
        a.checkBatch(statements);
        for (Statement s : statements) {
            if (s instanceof Statement.NodeDef n) {
                a.node(n);
            }
        }
        for (Statement s : statements) {
            if (s instanceof Statement.PrimitiveDef p) {
                a.primitive(p);
            } else if (s instanceof Statement.RawResourceDef r) {
                a.raw(r);
            }
        }
        for (Statement s : statements) {
            if (s instanceof Statement.GroupDef g) {
                a.group(g);
            }
        }
        for (Statement s : statements) {
            if (s instanceof Statement.CloneDef c) {
                a.clone(c);
            }
        }
        for (Statement s : statements) {
            if (s instanceof Statement.ConstraintDef c) {
                a.constraint(c);
            } else if (s instanceof Statement.NvSetDef n) {
                a.nvSet(n);
            } else if (s instanceof Statement.ExtraDef e) {
                a.extra(e);
            }
        }
        return a.conf;
    }

    private ShellSyntaxException error(Statement s, String message) {
        return new ShellSyntaxException(s.line(), message);
    }

    private void checkBatch(List<Statement> statements) {
        Map<String, Statement> seen = new HashMap<>();
        for (Statement s : statements) {
            if (s instanceof Statement.NvSetDef || s instanceof Statement.ExtraDef e && e.section().equals(
                    ExtraStatements.FENCING_TOPOLOGY)) {
                continue;
            }
            // nodes have an id space of their own (a remote node shares its name with its connection resource)
            String key = (s instanceof Statement.NodeDef ? "node:" : "") + s.id();
            Statement before = seen.putIfAbsent(key, s);
            if (before != null) {
                throw error(s, "'" + s.id() + "' is defined twice"
                        + (before.line() > 0 ? " (first on line " + before.line() + ")" : ""));
            }
        }
    }

    private void refuseExisting(Statement s, String what) {
        if (mode == Mode.CREATE) {
            throw error(s, what + " '" + s.id() + "' already exists; change it with 'crm configure edit "
                    + s.id() + "' or 'crm configure load update FILE'");
        }
    }

    // ---- nodes -------------------------------------------------------------------------------------

    private void node(Statement.NodeDef n) {
        Optional<Node> existing = conf.node(n.node().uname());
        if (existing.isPresent()) {
            refuseExisting(n, "node");
            List<Node> out = new ArrayList<>();
            for (Node x : conf.nodes()) {
                out.add(x.uname() != null && x.uname().equals(n.node().uname()) ? n.node() : x);
            }
            conf = conf.withNodes(out);
        } else {
            List<Node> out = new ArrayList<>(conf.nodes());
            out.add(n.node());
            conf = conf.withNodes(out);
        }
    }

    // ---- resources ---------------------------------------------------------------------------------

    private Optional<Resource> find(String id) {
        return conf.resource(id);
    }

    private void primitive(Statement.PrimitiveDef p) {
        Primitive resolved = IdRefs.primitive(p.primitive(), conf);
        Resource r = p.template() ? new ResourceTemplate(resolved) : resolved;
        putResource(p, r);
    }

    private void raw(Statement.RawResourceDef r) {
        Resource res = r.resource();
        if (res instanceof OpaqueResource o && BundleStatements.primitiveRef(o.element()) != null) {
            res = bundleWithPrimitive(r, o.element());
        }
        putResource(r, res);
    }

    /** crmsh's {@code bundle ... primitive RSC}: the top-level primitive RSC moves into the bundle. */
    private Resource bundleWithPrimitive(Statement s, XmlElement bundle) {
        String ref = BundleStatements.primitiveRef(bundle);
        Resource p = find(ref).orElseThrow(() -> error(s, "bundle " + bundle.id() + ": resource " + ref
                + " does not exist" + Suggestions.hint(ref, resourceIds())));
        if (!(p instanceof Primitive) || parentOf(ref) != null) {
            throw error(s, "bundle " + bundle.id() + ": " + ref + " must be a primitive outside any group or clone");
        }
        conf = conf.withResources(withoutTopLevel(conf.resources(), List.of(ref)));
        List<XmlElement> kids = new ArrayList<>();
        for (XmlElement k : bundle.children()) {
            kids.add(k.name().equals(BundleStatements.PRIMITIVE_REF) ? org.vigil.cib.CibXml.toTree(p) : k);
        }
        return new OpaqueResource(bundle.withChildren(kids));
    }

    private void putResource(Statement s, Resource r) {
        Optional<Resource> existing = find(r.id());
        if (existing.isPresent()) {
            refuseExisting(s, "resource");
            if (existing.get().getClass() != r.getClass() && !(r instanceof OpaqueResource)) {
                throw error(s, "'" + r.id() + "' is already a " + describe(existing.get())
                        + "; delete it first to define a " + describe(r) + " with that id");
            }
            conf = conf.withResources(replace(conf.resources(), r.id(), r));
        } else {
            List<Resource> top = new ArrayList<>(conf.resources());
            top.add(r);
            conf = conf.withResources(top);
        }
    }

    private void group(Statement.GroupDef g) {
        List<Resource> members = new ArrayList<>();
        Set<String> unique = new HashSet<>();
        for (String m : g.members()) {
            if (!unique.add(m)) {
                throw error(g, "group " + g.id() + " lists " + m + " twice");
            }
            Resource r = find(m).orElseThrow(() -> error(g, "group " + g.id() + ": resource " + m
                    + " does not exist" + Suggestions.hint(m, resourceIds())));
            if (!(r instanceof Primitive)) {
                throw error(g, "group " + g.id() + ": " + m + " is a " + describe(r)
                        + "; groups can only contain primitives");
            }
            String parent = parentOf(m);
            if (parent != null && !parent.equals(g.id())) {
                throw error(g, "group " + g.id() + ": " + m + " is already in " + parent);
            }
            members.add(r);
        }
        Group group = new Group(g.id(), g.otherAttributes(), IdRefs.sets(g.params(), IdRefs.Kind.INSTANCE, conf),
                IdRefs.sets(g.meta(), IdRefs.Kind.META, conf), members);
        Optional<Resource> existing = find(g.id());
        if (existing.isPresent()) {
            refuseExisting(g, "resource");
            if (!(existing.get() instanceof Group old)) {
                throw error(g, "'" + g.id() + "' is already a " + describe(existing.get()));
            }
            List<Resource> top = withoutTopLevel(conf.resources(), g.members());
            top = replace(top, g.id(), group);
            List<Resource> released = old.children().stream().filter(c -> !g.members().contains(c.id())).toList();
            top = insertAfter(top, g.id(), released);
            conf = conf.withResources(top);
        } else {
            conf = conf.withResources(takePlaceOf(conf.resources(), g.members(), group));
        }
    }

    private void clone(Statement.CloneDef c) {
        Resource child = find(c.child()).orElseThrow(() -> error(c, "clone " + c.id() + ": resource " + c.child()
                + " does not exist" + Suggestions.hint(c.child(), resourceIds())));
        if (!(child instanceof Primitive) && !(child instanceof Group)) {
            throw error(c, "clone " + c.id() + ": " + c.child() + " is a " + describe(child)
                    + "; only a primitive or a group can be cloned");
        }
        String parent = parentOf(c.child());
        if (parent != null && !parent.equals(c.id())) {
            throw error(c, "clone " + c.id() + ": " + c.child() + " is already in " + parent);
        }
        Clone clone = new Clone(c.id(), c.master(), c.otherAttributes(),
                IdRefs.sets(c.params(), IdRefs.Kind.INSTANCE, conf), IdRefs.sets(c.meta(), IdRefs.Kind.META, conf),
                child);
        Optional<Resource> existing = find(c.id());
        if (existing.isPresent()) {
            refuseExisting(c, "resource");
            if (!(existing.get() instanceof Clone old)) {
                throw error(c, "'" + c.id() + "' is already a " + describe(existing.get()));
            }
            List<Resource> top = withoutTopLevel(conf.resources(), List.of(c.child()));
            top = replace(top, c.id(), clone);
            if (old.child() != null && !old.child().id().equals(c.child())) {
                top = insertAfter(top, c.id(), List.of(old.child()));
            }
            conf = conf.withResources(top);
        } else {
            conf = conf.withResources(takePlaceOf(conf.resources(), List.of(c.child()), clone));
        }
    }

    private List<String> resourceIds() {
        return Resources.flatten(conf.resources()).stream().map(Resource::id).toList();
    }

    /** The id of the group or clone directly containing {@code id}, or null at top level. */
    private String parentOf(String id) {
        for (Resource r : Resources.flatten(conf.resources())) {
            if (r instanceof Group g && g.children().stream().anyMatch(c -> c.id().equals(id))) {
                return g.id();
            }
            if (r instanceof Clone c && c.child() != null && c.child().id().equals(id)) {
                return c.id();
            }
        }
        return null;
    }

    static String describe(Resource r) {
        if (r instanceof Primitive) {
            return "primitive";
        }
        if (r instanceof Group) {
            return "group";
        }
        if (r instanceof Clone c) {
            return c.promotable() ? "promotable clone" : "clone";
        }
        if (r instanceof ResourceTemplate) {
            return "template";
        }
        return ((OpaqueResource) r).element().name();
    }

    /** Replaces the resource with {@code id} wherever it sits in the tree. */
    static List<Resource> replace(List<Resource> list, String id, Resource with) {
        List<Resource> out = new ArrayList<>();
        for (Resource r : list) {
            if (r.id().equals(id)) {
                out.add(with);
            } else if (r instanceof Group g) {
                out.add(new Group(g.id(), g.otherAttributes(), g.instanceAttributes(), g.metaAttributes(),
                        replace(g.children(), id, with)));
            } else if (r instanceof Clone c && c.child() != null) {
                out.add(new Clone(c.id(), c.legacyMaster(), c.otherAttributes(), c.instanceAttributes(),
                        c.metaAttributes(), replace(List.of(c.child()), id, with).get(0)));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    private static List<Resource> withoutTopLevel(List<Resource> top, List<String> ids) {
        return top.stream().filter(r -> !ids.contains(r.id())).toList();
    }

    /** Puts {@code container} where the first of {@code ids} stood at top level, dropping them all. */
    private static List<Resource> takePlaceOf(List<Resource> top, List<String> ids, Resource container) {
        List<Resource> out = new ArrayList<>();
        boolean placed = false;
        for (Resource r : top) {
            if (ids.contains(r.id())) {
                if (!placed) {
                    out.add(container);
                    placed = true;
                }
            } else {
                out.add(r);
            }
        }
        if (!placed) {
            out.add(container);
        }
        return out;
    }

    private static List<Resource> insertAfter(List<Resource> top, String id, List<Resource> extra) {
        if (extra.isEmpty()) {
            return top;
        }
        List<Resource> out = new ArrayList<>();
        boolean done = false;
        for (Resource r : top) {
            out.add(r);
            if (r.id().equals(id)) {
                out.addAll(extra);
                done = true;
            }
        }
        if (!done) {
            out.addAll(extra);
        }
        return out;
    }

    // ---- constraints, sets, extras -----------------------------------------------------------------

    private void constraint(Statement.ConstraintDef c) {
        Constraint k = IdRefs.constraint(c.constraint(), conf);
        if (conf.constraint(k.id()).isPresent()) {
            refuseExisting(c, "constraint");
            conf = conf.withConstraints(conf.constraints().stream().map(x -> x.id().equals(k.id()) ? k : x)
                    .toList());
        } else {
            List<Constraint> out = new ArrayList<>(conf.constraints());
            out.add(k);
            conf = conf.withConstraints(out);
        }
    }

    private void nvSet(Statement.NvSetDef n) {
        List<NvSet> sets = switch (n.section()) {
            case PROPERTY -> conf.clusterProperties();
            case RSC_DEFAULTS -> conf.rscDefaults();
            case OP_DEFAULTS -> conf.opDefaults();
        };
        List<NvSet> out = new ArrayList<>();
        boolean merged = false;
        for (NvSet s : sets) {
            if (!merged && s.id() != null && s.id().equals(n.set().id())) {
                out.add(merge(s, n.set()));
                merged = true;
            } else {
                out.add(s);
            }
        }
        if (!merged) {
            out.add(n.set());
        }
        conf = switch (n.section()) {
            case PROPERTY -> conf.withClusterProperties(out);
            case RSC_DEFAULTS -> conf.withRscDefaults(out);
            case OP_DEFAULTS -> conf.withOpDefaults(out);
        };
    }

    /** Settings merge into an existing set; a set with a rule or score (from xml) replaces it whole. */
    private static NvSet merge(NvSet existing, NvSet update) {
        if (update.rule() != null || update.score() != null || existing.rule() != null) {
            return update;
        }
        NvSet out = existing;
        for (NvPair p : update.pairs()) {
            out = out.with(p.name(), p.value());
        }
        return out;
    }

    /** Sections whose objects (tags, ACL roles and targets, alerts) are defined one statement at a time. */
    private static final Set<String> KEYED_SECTIONS = Set.of(ExtraStatements.TAGS, AclStatements.ACLS,
            AlertStatements.ALERTS);

    private void extra(Statement.ExtraDef e) {
        List<XmlElement> extras = new ArrayList<>(conf.extras());
        XmlElement element = e.element();
        if (element.name().equals(ExtraStatements.FENCING_TOPOLOGY) && !element.children().isEmpty()
                && ExtraStatements.targetless(element)) {
            element = ExtraStatements.forEveryNode(element, conf.nodes().stream().map(Node::uname)
                    .filter(java.util.Objects::nonNull).toList());
        }
        if (KEYED_SECTIONS.contains(e.section()) && !element.name().equals(e.section())) {
            int at = indexOf(extras, e.section());
            XmlElement section = at < 0 ? new XmlElement(e.section(), Map.of(), List.of()) : extras.get(at);
            List<XmlElement> kids = new ArrayList<>();
            boolean replaced = false;
            for (XmlElement t : section.children()) {
                if (e.id().equals(t.id())) {
                    refuseExisting(e, t.name().replace('_', ' '));
                    kids.add(element);
                    replaced = true;
                } else {
                    kids.add(t);
                }
            }
            if (!replaced) {
                kids.add(element);
            }
            XmlElement updated = section.withChildren(kids);
            if (at < 0) {
                extras.add(updated);
            } else {
                extras.set(at, updated);
            }
        } else {
            int at = indexOf(extras, element.name());
            if (at < 0) {
                extras.add(element);
            } else {
                extras.set(at, element);
            }
        }
        conf = conf.withExtras(extras);
    }

    private static int indexOf(List<XmlElement> extras, String name) {
        for (int i = 0; i < extras.size(); i++) {
            if (extras.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
