package org.vigil.cli.compat;

import java.util.List;
import org.vigil.cib.Clone;
import org.vigil.cib.Configuration;
import org.vigil.cib.Group;
import org.vigil.cib.NvSet;
import org.vigil.cib.NvSets;
import org.vigil.cib.Primitive;
import org.vigil.cib.Resource;
import org.vigil.cib.Resources;

/** A configured resource's own meta attributes (not rsc_defaults), as find_resource_attr reads them. */
record ResourceMeta(Resource resource, List<NvSet> sets) {
    static ResourceMeta of(Configuration c, String id) {
        for (Resource r : Resources.flatten(c.resources())) {
            if (r.id().equals(id)) {
                return new ResourceMeta(r, meta(r));
            }
        }
        return new ResourceMeta(null, List.of());
    }

    static List<NvSet> meta(Resource r) {
        if (r instanceof Primitive p) {
            return p.metaAttributes();
        }
        if (r instanceof Group g) {
            return g.metaAttributes();
        }
        if (r instanceof Clone k) {
            return k.metaAttributes();
        }
        return List.of();
    }

    String own(String name) {
        return NvSets.firstValue(sets, name).orElse(null);
    }

    /**
     * The resource's meta attributes as its unpacked meta table holds them at {@code now}: its own sets, then
     * rsc_defaults; sets by descending score, a set whose rule does not match skipped, first value wins.
     */
    static java.util.Map<String, String> effective(Configuration c, Resource r, java.time.Instant now) {
        org.vigil.rules.RuleContext ctx = org.vigil.rules.RuleContext.at(now);
        if (r instanceof Primitive p) {
            ctx = ctx.withResource(new org.vigil.rules.RuleContext.ResourceKind(p.resourceClass(), p.provider(),
                    p.type()));
        }
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        fill(r == null ? List.of() : meta(r), ctx, out);
        fill(c.rscDefaults(), ctx, out);
        return out;
    }

    /** Sets by descending score, those whose rule does not match skipped; the first value of a name wins. */
    static void fill(List<NvSet> sets, org.vigil.rules.RuleContext ctx, java.util.Map<String, String> into) {
        List<NvSet> ordered = new java.util.ArrayList<>(sets);
        ordered.sort((a, b) -> Integer.compare(org.vigil.cib.Score.parseOr(b.score(), 0),
                org.vigil.cib.Score.parseOr(a.score(), 0)));
        for (NvSet set : ordered) {
            if (set.rule() != null && !org.vigil.rules.Rules.matches(set.rule(), ctx)) {
                continue;
            }
            set.pairs().stream().filter(p -> p.name() != null).forEach(p -> into.putIfAbsent(p.name(), p.value()));
        }
    }
}
