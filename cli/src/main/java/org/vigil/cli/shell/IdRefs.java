package org.vigil.cli.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vigil.cib.Clone;
import org.vigil.cib.Configuration;
import org.vigil.cib.Constraint;
import org.vigil.cib.Group;
import org.vigil.cib.LocationConstraint;
import org.vigil.cib.NvSet;
import org.vigil.cib.Operations;
import org.vigil.cib.Primitive;
import org.vigil.cib.Resource;
import org.vigil.cib.ResourceTemplate;
import org.vigil.cib.Rule;

/**
 * crmsh lets {@code $id-ref=} name an object instead of the element it means: {@code params $id-ref=d1} refers
 * to d1's first instance_attributes, {@code operations $id-ref=d1} to d1's operations, {@code rule $id-ref=l2}
 * to l2's first rule. Resolved against the configuration as it stands when the statement is applied; a
 * reference that names no such object is kept as written.
 */
final class IdRefs {
    enum Kind { INSTANCE, META, UTILIZATION }

    private IdRefs() {}

    static List<NvSet> sets(List<NvSet> sets, Kind kind, Configuration conf) {
        List<NvSet> out = new ArrayList<>();
        for (NvSet s : sets) {
            String target = s.idRef() == null ? null : conf.resource(s.idRef()).flatMap(r -> first(r, kind))
                    .orElse(null);
            out.add(target == null ? s : new NvSet(null, target, s.score(), s.rule(), s.pairs()));
        }
        return out;
    }

    static Primitive primitive(Primitive p, Configuration conf) {
        Operations ops = p.operations();
        if (ops.idRef() != null) {
            Optional<Resource> r = conf.resource(ops.idRef());
            if (r.isPresent() && definition(r.get()) instanceof Primitive q && q.operations().id() != null) {
                ops = new Operations(null, q.operations().id(), ops.ops());
            }
        }
        return new Primitive(p.id(), p.resourceClass(), p.provider(), p.type(), p.template(), p.otherAttributes(),
                sets(p.instanceAttributes(), Kind.INSTANCE, conf), sets(p.metaAttributes(), Kind.META, conf),
                sets(p.utilization(), Kind.UTILIZATION, conf), ops);
    }

    static Constraint constraint(Constraint k, Configuration conf) {
        if (!(k instanceof LocationConstraint l) || l.rules().stream().allMatch(r -> r.idRef() == null)) {
            return k;
        }
        List<Rule> rules = new ArrayList<>();
        for (Rule r : l.rules()) {
            String target = null;
            if (r.idRef() != null && conf.constraint(r.idRef()).orElse(null) instanceof LocationConstraint other) {
                target = other.rules().stream().map(Rule::id).filter(java.util.Objects::nonNull).findFirst()
                        .orElse(null);
            }
            rules.add(target == null ? r : new Rule(null, target, r.score(), r.scoreAttribute(), r.role(),
                    r.booleanOp(), r.otherAttributes(), r.conditions()));
        }
        return new LocationConstraint(l.id(), l.rsc(), l.rscPattern(), l.node(), l.score(), l.role(),
                l.resourceDiscovery(), l.otherAttributes(), l.sets(), rules);
    }

    private static Resource definition(Resource r) {
        return r instanceof ResourceTemplate t ? t.definition() : r;
    }

    private static Optional<String> first(Resource r, Kind kind) {
        Resource d = definition(r);
        List<NvSet> sets = List.of();
        if (d instanceof Primitive p) {
            sets = kind == Kind.INSTANCE ? p.instanceAttributes() : kind == Kind.META ? p.metaAttributes()
                    : p.utilization();
        } else if (d instanceof Group g && kind != Kind.UTILIZATION) {
            sets = kind == Kind.INSTANCE ? g.instanceAttributes() : g.metaAttributes();
        } else if (d instanceof Clone c && kind != Kind.UTILIZATION) {
            sets = kind == Kind.INSTANCE ? c.instanceAttributes() : c.metaAttributes();
        }
        return sets.stream().map(NvSet::id).filter(java.util.Objects::nonNull).findFirst();
    }
}
