package org.vigil.controller;

/**
 * A node's LRM tells the DC how an action went. Recurring monitors report their first result and then
 * only changes, with {@code actionId} -1 (nobody is waiting for those).
 */
public record ExecReport(String node, int transitionId, int actionId, OpRecord op) {
    public boolean unsolicited() {
        return actionId < 0;
    }
}
