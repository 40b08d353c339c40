package org.vigil.capacity;

import java.util.List;

/**
 * The scheduler's answer to one failure.
 *
 * @param failed  the nodes taken as fenced
 * @param quorate whether the survivors keep quorum (majority of cluster nodes; one of two in a two-node cluster)
 * @param losses  the resources that would stop or lose their promotion, empty when the failure is survivable
 */
public record FailureOutcome(List<String> failed, boolean quorate, List<Loss> losses) {
    public FailureOutcome {
        failed = List.copyOf(failed);
        losses = List.copyOf(losses);
    }

    public boolean survivable() {
        return losses.isEmpty();
    }
}
