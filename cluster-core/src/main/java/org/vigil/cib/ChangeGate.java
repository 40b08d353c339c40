package org.vigil.cib;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The one rule every way a configuration enters is held to: offline {@code crm} (commands, {@code load},
 * {@code xml}, {@code edit}), {@code crm} before it sends a live change, and the DC that commits it. A change
 * may not introduce a finding that is refused in changes ({@link Finding#refusedInChanges}: every error, and
 * what Pacemaker's {@code crm_verify} rejects though its scheduler tolerates it). Problems the CIB already had
 * do not block an unrelated change, so a CIB that came with them can still be repaired one change at a time.
 */
public final class ChangeGate {
    private ChangeGate() {}

    /** The findings refused in changes that {@code after} has and {@code before} had not, in validator order. */
    public static List<Finding> introduced(Cib before, Cib after) {
        Set<String> had = new HashSet<>();
        for (Finding f : CibValidator.validate(before)) {
            if (f.refusedInChanges()) {
                had.add(key(f));
            }
        }
        List<Finding> out = new ArrayList<>();
        for (Finding f : CibValidator.validate(after)) {
            if (f.refusedInChanges() && !had.contains(key(f))) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * One line for a refusal: the first problem with its object, and how many more there are, e.g.
     * {@code p1: interval: '10x' is not a time (and 2 more problems)}.
     */
    public static String oneLine(List<Finding> refused) {
        if (refused.isEmpty()) {
            throw new IllegalArgumentException("nothing refused");
        }
        Finding first = refused.get(0);
        int more = refused.size() - 1;
        return (first.objectId() == null ? "" : first.objectId() + ": ") + first.message()
                + (more == 0 ? "" : " (and " + more + " more problem" + (more > 1 ? "s" : "") + ")");
    }

    /** Same object, same problem; lines differ between a file and the tree a change made. */
    private static String key(Finding f) {
        return f.objectId() + "\u0000" + f.message();
    }
}
