package org.vigil.controller;

import java.util.List;
import org.vigil.agents.AttributeUpdate;

/**
 * A node's LRM tells the DC how an action went. Recurring monitors report their first result and then
 * only changes, with {@code actionId} -1 (nobody is waiting for those). Node attributes the agent asked
 * for (promotion scores) travel with the result.
 */
public record ExecReport(String node, int transitionId, int actionId, OpRecord op,
        List<AttributeUpdate> attributeUpdates) {
    public ExecReport {
        attributeUpdates = attributeUpdates == null ? List.of() : List.copyOf(attributeUpdates);
    }

    public ExecReport(String node, int transitionId, int actionId, OpRecord op) {
        this(node, transitionId, actionId, op, List.of());
    }

    public boolean unsolicited() {
        return actionId < 0;
    }
}
