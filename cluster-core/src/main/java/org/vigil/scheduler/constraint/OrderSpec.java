package org.vigil.scheduler.constraint;

import org.vigil.scheduler.resource.Rsc;

/**
 * A resource-level ordering from configuration, resolved to actions once actions exist.
 *
 * @param minRunnable when positive, "then" needs only this many instances of the "first" clone (clone-min,
 *                    require-all=false): the orderings go through a pseudo action named {@code pseudoName}
 */
public record OrderSpec(String id, Rsc first, String firstTask, Rsc then, String thenTask, int flags, int minRunnable,
        String pseudoName) {
    OrderSpec(String id, Rsc first, String firstTask, Rsc then, String thenTask, int flags) {
        this(id, first, firstTask, then, thenTask, flags, 0, null);
    }
}
