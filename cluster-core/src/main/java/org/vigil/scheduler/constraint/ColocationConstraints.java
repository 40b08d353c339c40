package org.vigil.scheduler.constraint;

import java.util.List;
import org.vigil.cib.Booleans;
import org.vigil.cib.ColocationConstraint;
import org.vigil.cib.ResourceSet;
import org.vigil.cib.Score;
import org.vigil.scheduler.Role;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.resource.Rsc;

/**
 * rsc_colocation (with sets): unpacked into {@link Colocation}s kept on both resources in Pacemaker's processing
 * order. The resource variants apply them while assigning ({@code Rsc.colocationAsPrimary} and
 * {@code colocationAsDependent}).
 */
public final class ColocationConstraints {
    private ColocationConstraints() {}

    static void unpack(WorkingSet ws, ColocationConstraint c) {
        int score = Score.parseOr(c.score(), 0);
        String influenceAttr = c.otherAttributes().get("influence");
        if (c.sets().isEmpty()) {
            if (ResourceReferences.lookup(ws, c.rsc()) == null && ResourceReferences.lookup(ws, c.withRsc()) == null) {
                // template with template: Pacemaker's two unordered sets leave placement alone
                return;
            }
            for (Rsc dep : ResourceReferences.expand(ws, c.rsc())) {
                for (Rsc pri : ResourceReferences.expand(ws, c.withRsc())) {
                    add(ws, c.id(), dep, pri, score, Role.parse(c.rscRole()), Role.parse(c.withRscRole()),
                            c.nodeAttribute(), influenceAttr);
                }
            }
            return;
        }
        ResourceSet last = null;
        for (ResourceSet set : c.sets()) {
            int local = set.attribute("score") != null ? Score.parseOr(set.attribute("score"), score) : score;
            Role role = Role.parse(set.attribute("role"));
            boolean sequential = set.attribute("sequential") == null || Booleans.isTrue(set.attribute("sequential"));
            List<Rsc> members = ResourceReferences.members(ws, set);
            if (local < 0) {
                // anti-colocating each member with every earlier one is the only way nobody shares a node
                for (int i = 1; i < members.size(); i++) {
                    for (int j = 0; j < i; j++) {
                        add(ws, set.id(), members.get(i), members.get(j), local, role, role, c.nodeAttribute(),
                                influenceAttr);
                    }
                }
            } else if (sequential) {
                Rsc with = null;
                for (Rsc r : members) {
                    if (with != null) {
                        add(ws, set.id(), r, with, local, role, role, c.nodeAttribute(), influenceAttr);
                    }
                    with = r;
                }
            }
            if (last != null) {
                setToSet(ws, c, last, set, score, influenceAttr);
            }
            last = set;
        }
    }

    private static void setToSet(WorkingSet ws, ColocationConstraint c, ResourceSet set1, ResourceSet set2, int score,
            String influence) {
        List<Rsc> m1 = ResourceReferences.members(ws, set1);
        List<Rsc> m2 = ResourceReferences.members(ws, set2);
        if (m1.isEmpty() || m2.isEmpty()) {
            return;
        }
        boolean seq1 = set1.attribute("sequential") == null || Booleans.isTrue(set1.attribute("sequential"));
        boolean seq2 = set2.attribute("sequential") == null || Booleans.isTrue(set2.attribute("sequential"));
        Role r1 = Role.parse(set1.attribute("role"));
        Role r2 = Role.parse(set2.attribute("role"));
        List<Rsc> deps = seq1 ? List.of(m1.get(0)) : m1;
        List<Rsc> pris = seq2 ? List.of(m2.get(m2.size() - 1)) : m2;
        for (Rsc d : deps) {
            for (Rsc p : pris) {
                add(ws, c.id(), d, p, score, r1, r2, c.nodeAttribute(), influence);
            }
        }
    }

    public static void add(WorkingSet ws, String id, Rsc dep, Rsc pri, int score, Role depRole, Role priRole, String attr,
            String influenceAttr) {
        if (dep == pri || score == 0) {
            return;
        }
        boolean influence = influenceAttr == null ? dep.critical : Booleans.isTrue(influenceAttr);
        Role dr = depRole == Role.STARTED ? Role.UNKNOWN : depRole;
        Role pr = priRole == Role.STARTED ? Role.UNKNOWN : priRole;
        dep = dep.colocatedAs(dr);
        if (dr != Role.UNKNOWN) {
            pri = pri.colocatedAs(pr); // a role of one bundle's clone with a role of another's
        }
        Colocation col = new Colocation(id, dep, pri, score, dr, pr, attr, influence);
        ws.colocations.add(col);
        insertSorted(dep.thisWith, col, true);
        insertSorted(pri.withThis, col, false);
    }

    /** Keeps Pacemaker's processing order: by the other side's priority, clones first, then by id. */
    public static void insertSorted(List<Colocation> list, Colocation c, boolean byPrimary) {
        int i = 0;
        while (i < list.size() && compare(list.get(i), c, byPrimary) <= 0) {
            i++;
        }
        list.add(i, c);
    }

    private static int compare(Colocation a, Colocation b, boolean byPrimary) {
        Rsc ra = byPrimary ? a.primary() : a.dependent();
        Rsc rb = byPrimary ? b.primary() : b.dependent();
        if (ra.priority != rb.priority) {
            return ra.priority > rb.priority ? -1 : 1;
        }
        int va = ra.colocationRank();
        int vb = rb.colocationRank();
        if (va != vb) {
            return va > vb ? -1 : 1;
        }
        if (ra.isPromotableClone() != rb.isPromotableClone()) { // both clones here (same rank)
            return ra.isPromotableClone() ? -1 : 1;
        }
        return ra.id.compareTo(rb.id);
    }

}
