package org.vigil.membership;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * corosync-cfgtool -s in Vigil's words: per ring, whether every other member of the view was heard on it
 * lately. A ring is faulty towards a member when nothing came from it on that ring for {@code faultAfter}.
 */
public final class RingReport {
    private RingReport() {}

    public static List<String> lines(String self, List<String> members, List<RingTransport.RingStatus> rings,
            Instant now, Duration faultAfter) {
        return lines(self, members, rings, List.of(), now, faultAfter);
    }

    /**
     * As above, and per ring the peer addresses this node could not authenticate with lately (either way):
     * a node alone in its view with such failures is isolated (the wrong key, most likely), whatever else its
     * rings look like; a member with company lists them, as who keeps knocking matters to an operator.
     */
    static List<String> lines(String self, List<String> members, List<RingTransport.RingStatus> rings,
            List<RefusalLog.Refusal> refusals, Instant now, Duration faultAfter) {
        List<String> out = new ArrayList<>();
        boolean alone = members.size() <= 1;
        if (rings.isEmpty()) {
            out.add("ring 0: the only ring (no redundancy configured)");
        }
        for (RingTransport.RingStatus r : rings) {
            Map<String, Long> silent = new TreeMap<>();
            for (String m : members) {
                if (m.equals(self)) {
                    continue;
                }
                Long at = r.lastHeard().get(m);
                long ago = at == null ? -1 : now.toEpochMilli() - at;
                if (at == null || ago > faultAfter.toMillis()) {
                    silent.put(m, ago);
                }
            }
            if (!silent.isEmpty()) {
                List<String> parts = new ArrayList<>();
                silent.forEach((m, ago) -> parts.add(ago < 0 ? m + " never heard" : m + " silent for " + ago / 1000 + " s"));
                out.add("ring " + r.ring() + ": FAULTY: " + String.join(", ", parts));
            } else if (!alone || unauthenticated(refusals, r.ring()).isEmpty()) {
                out.add("ring " + r.ring() + ": active with no faults");
            }
        }
        for (int ring = 0; ring < Math.max(1, rings.size()); ring++) {
            List<RefusalLog.Refusal> failed = unauthenticated(refusals, ring);
            if (!failed.isEmpty()) {
                out.add("ring " + ring + ": " + (alone ? "FAULTY: isolated, " : "") + "cannot authenticate with "
                        + addresses(failed) + " (" + failed.get(failed.size() - 1).reason() + ")");
            }
        }
        return out;
    }

    /** Authentication failures on one ring, either way. */
    private static List<RefusalLog.Refusal> unauthenticated(List<RefusalLog.Refusal> refusals, int ring) {
        List<RefusalLog.Refusal> out = new ArrayList<>();
        for (RefusalLog.Refusal r : refusals) {
            if (r.ring() == ring && r.kind().equals(RefusalLog.AUTHENTICATION)) {
                out.add(r);
            }
        }
        return out;
    }

    private static String addresses(List<RefusalLog.Refusal> refusals) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        refusals.forEach(r -> out.add(r.peer().getHostAddress()));
        return String.join(", ", out);
    }
}
