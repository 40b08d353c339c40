package org.vigil.cli.resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.vigil.cib.Cib;
import org.vigil.cib.Clone;
import org.vigil.cib.Configuration;
import org.vigil.cib.Group;
import org.vigil.cib.NvSet;
import org.vigil.cib.NvSets;
import org.vigil.cib.OpaqueResource;
import org.vigil.cib.Primitive;
import org.vigil.cib.Resource;
import org.vigil.cib.ResourceTemplate;
import org.vigil.cib.Resources;
import org.vigil.cli.CliException;
import org.vigil.cli.Suggestions;

/** Changes to one resource's meta attributes and parameters, wherever it sits in the resource tree. */
public final class ResourceEdits {
    public enum Kind { META, PARAMS, UTILIZATION }

    private ResourceEdits() {}

    public static Resource require(Configuration c, String id) {
        return c.resource(id).orElseThrow(() -> new CliException("resource " + id + " does not exist"
                + Suggestions.hint(id, Resources.flatten(c.resources()).stream().map(Resource::id).toList())));
    }

    public static List<NvSet> sets(Resource r, Kind kind) {
        if (r instanceof Primitive p) {
            return kind == Kind.META ? p.metaAttributes() : kind == Kind.PARAMS ? p.instanceAttributes()
                    : p.utilization();
        }
        if (r instanceof Group g) {
            return kind == Kind.META ? g.metaAttributes() : kind == Kind.PARAMS ? g.instanceAttributes() : List.of();
        }
        if (r instanceof Clone c) {
            return kind == Kind.META ? c.metaAttributes() : kind == Kind.PARAMS ? c.instanceAttributes() : List.of();
        }
        if (r instanceof ResourceTemplate t) {
            return sets(t.definition(), kind);
        }
        return List.of();
    }

    public static Optional<String> get(Resource r, Kind kind, String name) {
        return NvSets.firstValue(sets(r, kind), name);
    }

    /** Sets (value != null) or removes (value == null) {@code name} in the resource's first plain set. */
    public static Cib set(Cib cib, String id, Kind kind, String name, String value) {
        Configuration c = cib.configuration();
        Resource r = require(c, id);
        if (r instanceof OpaqueResource) {
            throw new CliException(id + " is a " + ((OpaqueResource) r).element().name()
                    + ", which Vigil cannot change yet");
        }
        if (kind == Kind.UTILIZATION && !(r instanceof Primitive)) {
            throw new CliException("utilization belongs on primitives; " + id + " is not one");
        }
        String suffix = kind == Kind.META ? "meta_attributes" : kind == Kind.PARAMS ? "instance_attributes"
                : "utilization";
        List<NvSet> out = new ArrayList<>();
        boolean done = false;
        for (NvSet s : sets(r, kind)) {
            if (value == null) {
                NvSet w = s.rule() == null ? s.without(name) : s;
                if (!w.pairs().isEmpty() || w.idRef() != null) {
                    out.add(w);
                }
            } else if (!done && s.rule() == null && s.idRef() == null) {
                out.add(s.with(name, value));
                done = true;
            } else {
                out.add(s);
            }
        }
        if (value != null && !done) {
            String setId = id + "-" + suffix;
            out.add(NvSet.of(setId, List.of()).with(name, value));
        }
        Resource updated = withSets(r, kind, out);
        return cib.withConfiguration(c.withResources(replace(c.resources(), id, x -> updated)));
    }

    /** {@code cib} with resource {@code id}'s sets of {@code kind} replaced by {@code sets}. */
    public static Cib withSets(Cib cib, String id, Kind kind, List<NvSet> sets) {
        Configuration c = cib.configuration();
        Resource r = require(c, id);
        if (r instanceof OpaqueResource) {
            throw new CliException(id + " is a " + ((OpaqueResource) r).element().name()
                    + ", which Vigil cannot change yet");
        }
        if (kind == Kind.UTILIZATION && !(r instanceof Primitive)) {
            throw new CliException("utilization belongs on primitives; " + id + " is not one");
        }
        Resource updated = withSets(r, kind, sets);
        return cib.withConfiguration(c.withResources(replace(c.resources(), id, x -> updated)));
    }

    private static Resource withSets(Resource r, Kind kind, List<NvSet> sets) {
        if (r instanceof Primitive p) {
            return switch (kind) {
                case META -> p.withMetaAttributes(sets);
                case PARAMS -> p.withInstanceAttributes(sets);
                case UTILIZATION -> new Primitive(p.id(), p.resourceClass(), p.provider(), p.type(), p.template(),
                        p.otherAttributes(), p.instanceAttributes(), p.metaAttributes(), sets, p.operations());
            };
        }
        if (r instanceof Group g) {
            return kind == Kind.META ? g.withMetaAttributes(sets)
                    : new Group(g.id(), g.otherAttributes(), sets, g.metaAttributes(), g.children());
        }
        if (r instanceof Clone c) {
            return kind == Kind.META ? c.withMetaAttributes(sets)
                    : new Clone(c.id(), c.legacyMaster(), c.otherAttributes(), sets, c.metaAttributes(), c.child());
        }
        ResourceTemplate t = (ResourceTemplate) r;
        return new ResourceTemplate((Primitive) withSets(t.definition(), kind, sets));
    }

    static List<Resource> replace(List<Resource> list, String id, UnaryOperator<Resource> f) {
        List<Resource> out = new ArrayList<>();
        for (Resource r : list) {
            if (r.id().equals(id)) {
                out.add(f.apply(r));
            } else if (r instanceof Group g) {
                out.add(new Group(g.id(), g.otherAttributes(), g.instanceAttributes(), g.metaAttributes(),
                        replace(g.children(), id, f)));
            } else if (r instanceof Clone c && c.child() != null) {
                out.add(new Clone(c.id(), c.legacyMaster(), c.otherAttributes(), c.instanceAttributes(),
                        c.metaAttributes(), replace(List.of(c.child()), id, f).get(0)));
            } else {
                out.add(r);
            }
        }
        return out;
    }
}
