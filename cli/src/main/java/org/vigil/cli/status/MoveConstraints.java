package org.vigil.cli.status;

import java.util.List;
import org.vigil.cib.Configuration;
import org.vigil.cib.LocationConstraint;

/** The location constraints {@code crm resource move/ban} create, which stay until {@code crm resource clear}. */
public final class MoveConstraints {
    public static final String PREFER = "cli-prefer-";
    public static final String BAN = "cli-ban-";

    private MoveConstraints() {}

    public static boolean isMoveConstraint(String id) {
        return id != null && (id.startsWith(PREFER) || id.startsWith(BAN));
    }

    public static List<LocationConstraint> all(Configuration c) {
        return c.constraints().stream().filter(LocationConstraint.class::isInstance)
                .map(LocationConstraint.class::cast).filter(l -> isMoveConstraint(l.id())).toList();
    }

    public static List<LocationConstraint> of(Configuration c, String rsc) {
        return all(c).stream().filter(l -> rsc.equals(l.rsc())).toList();
    }

    /** {@code cli-prefer-VM.1: VM.1 prefers brina; remove with 'crm resource clear VM.1'}. */
    public static String describe(LocationConstraint l) {
        String node = l.node();
        if (node == null && !l.rules().isEmpty()) {
            node = "(rule)";
        }
        String what = l.id().startsWith(BAN) ? " is banned from " : " prefers ";
        String expiry = l.rules().isEmpty() ? "" : " until its lifetime ends";
        return l.id() + ": " + l.rsc() + what + node + expiry + "; remove with 'crm resource clear " + l.rsc() + "'";
    }
}
