package org.vigil.agents.fence;

import java.util.Locale;
import java.util.Optional;

/** Actions of the fence-agents API. */
public enum FenceAction {
    ON, OFF, REBOOT, STATUS, LIST, MONITOR, METADATA;

    public String agentName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FenceAction> parse(String s) {
        String n = s.toLowerCase(Locale.ROOT);
        if (n.equals("meta-data")) {
            return Optional.of(METADATA);
        }
        for (FenceAction a : values()) {
            if (a.agentName().equals(n)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Actions that need a target (port/plug). */
    public boolean needsTarget() {
        return this == ON || this == OFF || this == REBOOT || this == STATUS;
    }
}
