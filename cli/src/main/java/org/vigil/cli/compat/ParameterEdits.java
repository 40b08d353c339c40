package org.vigil.cli.compat;

import java.util.ArrayList;
import java.util.List;
import org.vigil.cib.Cib;
import org.vigil.cib.NvPair;
import org.vigil.cib.NvSet;
import org.vigil.cib.Resource;
import org.vigil.cli.CliContext;
import org.vigil.cli.resource.ResourceEdits;
import org.vigil.cli.store.CibClient;

/**
 * crm_resource {@code -p/--set-parameter} and {@code -d/--delete-parameter} (instance attributes, or with
 * {@code --meta}/{@code --utilization}), with {@code -s/--set-name} and {@code -i/--nvpair}, worded as
 * Pacemaker 2.1.5: {@code Set 'RSC' option: id=ID [set=SET] name=N value=V}, {@code Deleted 'RSC' option: id=ID
 * name=N}; deleting what is not there is not an error.
 */
final class ParameterEdits {
    private final CliContext ctx;
    private final CibClient client;

    ParameterEdits(CliContext ctx, CibClient client) {
        this.ctx = ctx;
        this.client = client;
    }

    int run(String rsc, ResourceEdits.Kind kind, String name, String value, String setId, String pairId,
            boolean force) {
        Cib current = client.read();
        Resource r = ResourceEdits.require(current.configuration(), rsc);
        if (!force) {
            // Pacemaker looks for a meta attribute of the same name first (an instance attribute would not
            // override it), listing every same-named nvpair of the resource when there are several
            List<NvPair> any = new ArrayList<>();
            for (ResourceEdits.Kind k : List.of(ResourceEdits.Kind.PARAMS, ResourceEdits.Kind.META,
                    ResourceEdits.Kind.UTILIZATION)) {
                ResourceEdits.sets(r, k).forEach(set -> set.pairs().stream().filter(p -> name.equals(p.name()))
                        .forEach(any::add));
            }
            inDocumentOrder(any);
            listMultiple(name, any);
            NvPair[] meta = find(ResourceEdits.sets(r, ResourceEdits.Kind.META), name, null, null);
            boolean params = kind == ResourceEdits.Kind.PARAMS;
            if (params && value != null && setId == null && meta != null && any.size() == 1) {
                ctx.err().println("WARNING: There is already a meta attribute for '" + rsc + "' called '" + name
                        + "' (id=" + meta[1].id() + ")");
                ctx.err().println("         Delete '" + meta[1].id() + "' first or use the force option to override");
                return multiple();
            }
            if (params && value != null && setId == null && meta != null) {
                return multiple();
            }
        }
        List<NvPair> same = new ArrayList<>();
        for (NvSet set : ResourceEdits.sets(r, kind)) {
            if (setId == null || setId.equals(set.id())) {
                set.pairs().stream().filter(p -> name.equals(p.name()) && (pairId == null || pairId.equals(p.id())))
                        .forEach(same::add);
            }
        }
        if (same.size() > 1) {
            listMultiple(name, same);
            return multiple();
        }
        NvPair[] existing = find(ResourceEdits.sets(r, kind), name, setId, pairId);
        if (value == null) {
            if (existing == null) {
                return 0;
            }
            client.apply(c -> ResourceEdits.withSets(c, rsc, kind,
                    edit(ResourceEdits.sets(ResourceEdits.require(c.configuration(), rsc), kind), name, null,
                            setId, pairId, rsc, kind)));
            ctx.out().println("Deleted '" + rsc + "' option: id=" + existing[1].id() + " name=" + name);
            return 0;
        }
        if (kind == ResourceEdits.Kind.META) {
            // Pacemaker first changes the members that set the same meta attribute themselves, so the value
            // given for the collective resource is the one that applies
            for (Resource member : members(r)) {
                NvPair[] own = find(ResourceEdits.sets(member, kind), name, null, null);
                if (own != null) {
                    client.apply(c -> ResourceEdits.withSets(c, member.id(), kind, edit(ResourceEdits.sets(
                            ResourceEdits.require(c.configuration(), member.id()), kind), name, value, null, null,
                            member.id(), kind)));
                    ctx.out().println("Set '" + member.id() + "' option: id=" + own[1].id() + " name=" + name
                            + " value=" + value);
                }
            }
        }
        Cib after = client.apply(c -> ResourceEdits.withSets(c, rsc, kind,
                edit(ResourceEdits.sets(ResourceEdits.require(c.configuration(), rsc), kind), name, value, setId,
                        pairId, rsc, kind)));
        NvPair[] now = find(ResourceEdits.sets(ResourceEdits.require(after.configuration(), rsc), kind), name, setId,
                pairId);
        String id = now == null ? "(null)" : now[1].id();
        String set = now == null ? "(null)" : now[0].id();
        // an existing nvpair is updated in place: Pacemaker names no set then
        ctx.out().println("Set '" + rsc + "' option: id=" + id + (existing != null && setId == null ? "" : " set="
                + set) + " name=" + name + " value=" + value);
        return 0;
    }

    /** Pairs of several set kinds in the order the CIB file holds them (the model keeps each kind apart). */
    private void inDocumentOrder(List<NvPair> pairs) {
        java.util.Optional<java.nio.file.Path> file = org.vigil.cli.store.CibClients.cibFile(ctx);
        if (file.isEmpty() || pairs.size() < 2) {
            return;
        }
        try {
            String text = java.nio.file.Files.readString(file.get());
            pairs.sort(java.util.Comparator.comparingInt(p -> text.indexOf("\"" + p.id() + "\"")));
        } catch (java.io.IOException e) {
            // the model's order then
        }
    }

    private void listMultiple(String name, List<NvPair> pairs) {
        if (pairs.size() < 2) {
            return;
        }
        ctx.out().println("Multiple attributes match name=" + name);
        pairs.forEach(p -> ctx.out().println("  Value: " + p.value() + " \t(id=" + p.id() + ")"));
        ctx.out().println();
    }

    private int multiple() {
        ctx.err().println("crm_resource: Error performing operation: Multiple items match request");
        return CrmAttributeCommand.EX_MULTIPLE;
    }

    private static List<Resource> members(Resource r) {
        if (r instanceof org.vigil.cib.Group g) {
            return g.children();
        }
        if (r instanceof org.vigil.cib.Clone c && c.child() != null) {
            return List.of(c.child());
        }
        return List.of();
    }

    /** {set (as a pair holding its id), pair} of the first match, or null. */
    private static NvPair[] find(List<NvSet> sets, String name, String setId, String pairId) {
        for (NvSet s : sets) {
            if (setId != null && !setId.equals(s.id())) {
                continue;
            }
            for (NvPair p : s.pairs()) {
                if (name.equals(p.name()) && (pairId == null || pairId.equals(p.id()))) {
                    return new NvPair[] {NvPair.of(s.id(), null, null), p};
                }
            }
        }
        return null;
    }

    private static List<NvSet> edit(List<NvSet> sets, String name, String value, String setId, String pairId,
            String rsc, ResourceEdits.Kind kind) {
        String suffix = switch (kind) {
            case META -> "meta_attributes";
            case PARAMS -> "instance_attributes";
            case UTILIZATION -> "utilization";
        };
        String targetSet = setId;
        if (targetSet == null) {
            targetSet = sets.stream().filter(s -> s.rule() == null && s.idRef() == null).map(NvSet::id).findFirst()
                    .orElse(rsc + "-" + suffix);
        }
        List<NvSet> out = new ArrayList<>();
        boolean done = false;
        for (NvSet s : sets) {
            List<NvPair> pairs = new ArrayList<>();
            for (NvPair p : s.pairs()) {
                boolean match = name.equals(p.name()) && (pairId == null || pairId.equals(p.id()))
                        && (setId == null || setId.equals(s.id()));
                if (match && !done) {
                    done = true;
                    if (value != null) {
                        pairs.add(new NvPair(p.id(), p.idRef(), name, value));
                    }
                } else {
                    pairs.add(p);
                }
            }
            if (!done && value != null && s.id() != null && s.id().equals(targetSet)) {
                pairs.add(NvPair.of(pairId != null ? pairId : targetSet + "-" + name, name, value));
                done = true;
            }
            out.add(new NvSet(s.id(), s.idRef(), s.score(), s.rule(), pairs));
        }
        if (!done && value != null) {
            out.add(NvSet.of(targetSet, List.of(NvPair.of(pairId != null ? pairId : targetSet + "-" + name, name,
                    value))));
        }
        return out;
    }
}
