package org.vigil.console;

import java.util.Locale;

/** What a console user may do: look (read-only), or also act on the cluster (admin). */
public enum Role {
    READ_ONLY, ADMIN;

    public String label() {
        return this == ADMIN ? "admin" : "read-only";
    }

    public static Role parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "admin" -> ADMIN;
            case "read-only", "readonly", "read_only" -> READ_ONLY;
            default -> throw new IllegalArgumentException("unknown role '" + s + "' (expected admin or read-only)");
        };
    }
}
