package org.vigil.scheduler.history;

import org.vigil.rules.Durations;
import org.vigil.scheduler.node.RemoteNodes;
import org.vigil.scheduler.resource.PrimitiveRsc;

/** Pacemaker's failure_timeout of a resource: how long after a failure it stops counting. */
public final class FailureTimeout {
    private FailureTimeout() {}

    /**
     * In milliseconds, 0 when failures never expire: {@code failure-timeout}, except that a remote connection's
     * {@code reconnect_interval} replaces it (Pacemaker waits that long before reconnecting).
     */
    public static long ms(PrimitiveRsc rsc) {
        long reconnect = RemoteNodes.reconnectIntervalMs(rsc);
        if (reconnect > 0) {
            return reconnect;
        }
        String timeout = rsc.meta.get("failure-timeout");
        return timeout == null ? 0 : Math.max(Durations.parseIntervalMs(timeout), 0);
    }
}
