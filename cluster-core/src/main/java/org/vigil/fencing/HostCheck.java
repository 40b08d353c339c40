package org.vigil.fencing;

import java.util.Locale;
import java.util.Optional;

/** How a device finds out which nodes it can fence ({@code pcmk_host_check}). */
public enum HostCheck {
    /** The node is named in {@code pcmk_host_list} or {@code pcmk_host_map}. */
    STATIC_LIST("static-list"),
    /** The node appears in the output of the agent's {@code list} action. */
    DYNAMIC_LIST("dynamic-list"),
    /** The agent's {@code status} action answers for the node (on or off). */
    STATUS("status"),
    /** The device can fence every node. */
    NONE("none");

    private final String pacemakerName;

    HostCheck(String pacemakerName) {
        this.pacemakerName = pacemakerName;
    }

    public String pacemakerName() {
        return pacemakerName;
    }

    static Optional<HostCheck> parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (HostCheck c : values()) {
            if (c.pacemakerName.equals(t)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
