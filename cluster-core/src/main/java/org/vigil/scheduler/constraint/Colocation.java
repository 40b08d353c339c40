package org.vigil.scheduler.constraint;

import org.vigil.scheduler.Role;
import org.vigil.scheduler.resource.Rsc;

/**
 * "dependent with primary": the dependent is placed relative to where the primary is placed.
 *
 * @param id constraint id (or an internal name such as group:internal_colocation)
 * @param dependent the resource placed relative to the other
 * @param primary the resource placed first
 * @param score INFINITY forces the same node, -INFINITY forbids it, finite values are preferences
 * @param dependentRole role the dependent must have for the constraint to apply (UNKNOWN = any)
 * @param primaryRole role the primary must have (UNKNOWN = any)
 * @param nodeAttribute nodes are "the same" when this attribute matches (default #uname)
 * @param influence whether the dependent's preferences may move the primary
 */
public record Colocation(String id, Rsc dependent, Rsc primary, int score, Role dependentRole, Role primaryRole,
        String nodeAttribute, boolean influence) {

    /** Configured in the CIB, not made by the scheduler (a group's internal chain, a resource with its container). */
    public boolean explicit() {
        return !id.equals("group:internal_colocation") && !id.equals("resource-with-container");
    }

    public boolean hasInfluence(Rsc rsc) {
        Rsc r = rsc == null ? primary : rsc;
        return influence || r.runningOn.isEmpty();
    }
}
