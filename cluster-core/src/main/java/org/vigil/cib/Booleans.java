package org.vigil.cib;

import java.util.Locale;

/** Pacemaker's boolean spellings (crm_is_true): true/on/yes/y/1. */
public final class Booleans {
    private Booleans() {}

    public static boolean isTrue(String s) {
        if (s == null) {
            return false;
        }
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes", "y", "1" -> true;
            default -> false;
        };
    }

    public static boolean isBoolean(String s) {
        if (s == null) {
            return false;
        }
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes", "y", "1", "false", "off", "no", "n", "0" -> true;
            default -> false;
        };
    }
}
