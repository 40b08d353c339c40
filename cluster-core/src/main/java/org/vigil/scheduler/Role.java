package org.vigil.scheduler;

import java.util.Locale;

/** Resource roles, ordered as in Pacemaker (Unknown &lt; Stopped &lt; Started &lt; Unpromoted &lt; Promoted). */
public enum Role {
    UNKNOWN("Unknown"),
    STOPPED("Stopped"),
    STARTED("Started"),
    UNPROMOTED("Unpromoted"),
    PROMOTED("Promoted");

    private final String text;

    Role(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** Parses current and legacy names (Master/Slave); null or unknown text gives UNKNOWN. */
    public static Role parse(String s) {
        if (s == null) {
            return UNKNOWN;
        }
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "stopped" -> STOPPED;
            case "started" -> STARTED;
            case "unpromoted", "slave" -> UNPROMOTED;
            case "promoted", "master" -> PROMOTED;
            default -> UNKNOWN;
        };
    }

    public boolean above(Role other) {
        return compareTo(other) > 0;
    }
}
