package org.vigil.agents;

import java.util.Locale;
import java.util.Optional;

/** The actions an OCF resource agent can be asked to perform. */
public enum ActionName {
    START("start"),
    STOP("stop"),
    MONITOR("monitor"),
    PROMOTE("promote"),
    DEMOTE("demote"),
    NOTIFY("notify"),
    MIGRATE_TO("migrate_to"),
    MIGRATE_FROM("migrate_from"),
    RELOAD("reload"),
    RELOAD_AGENT("reload-agent"),
    VALIDATE_ALL("validate-all"),
    META_DATA("meta-data");

    private final String ocfName;

    ActionName(String ocfName) {
        this.ocfName = ocfName;
    }

    /** The name the OCF standard uses, passed as the script's first argument. */
    public String ocfName() {
        return ocfName;
    }

    /** Parses an OCF action name; {@code status} is the LSB-era alias of monitor. */
    public static Optional<ActionName> parse(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("status")) {
            return Optional.of(MONITOR);
        }
        for (ActionName a : values()) {
            if (a.ocfName.equals(n)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
