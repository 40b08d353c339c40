package org.vigil.scheduler.resource;

import org.vigil.cib.Score;
import org.vigil.scheduler.Role;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.constraint.Colocation;
import org.vigil.scheduler.node.SchedNode;

/**
 * A promotable clone ({@code promotable=true}, or the older {@code master}): a clone whose instances also take
 * the promoted role. Its instances prefer the nodes where they would be promoted; once placed, {@link
 * PromotionRoles} chooses the promoted ones (promotion scores, promoted-max, colocations with a role), and a
 * colocation with one of its roles follows the instances that have that role.
 */
public final class PromotableCloneRsc extends CloneRsc {
    PromotableCloneRsc(String id, Rsc parent, int configOrder) {
        super(id, parent, configOrder);
    }

    @Override
    public boolean isPromotableClone() {
        return true;
    }

    /** Instances prefer nodes where they would be promoted (positive scores only; anonymous clones). */
    @Override
    void beforeDistribution(WorkingSet ws) {
        if (unique) {
            return;
        }
        for (Rsc child : children) {
            for (SchedNode n : ws.nodes) {
                if (!child.allowed.has(n.index) || !n.canRunResources()) {
                    continue;
                }
                int score = PromotionRoles.promotionScore(ws, this, child, n, Integer.MIN_VALUE);
                if (score > 0 && score != Integer.MIN_VALUE) {
                    child.allowed.set(n.index, Score.add(child.allowed.get(n.index), score));
                    ws.explain.note(child, n, score, "promotion score of " + child.id + " on " + n.uname);
                }
            }
        }
    }

    @Override
    void afterDistribution(WorkingSet ws) {
        PromotionRoles.setInstanceRoles(ws, this);
    }

    @Override
    void colocationAsPrimary(WorkingSet ws, PrimitiveRsc dependent, Colocation c) {
        if (!provisional && c.primaryRole() != Role.UNKNOWN) {
            PromotionRoles.colocationWithPromotable(ws, dependent, this, c);
            return;
        }
        super.colocationAsPrimary(ws, dependent, c);
    }
}
