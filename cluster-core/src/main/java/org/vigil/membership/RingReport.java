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
     * As above, and per ring the recent refusals: peers this node could not authenticate with make the ring
     * FAULTY (a node with the wrong key is isolated, whatever its view says); connections it refused are
     * listed, as who keeps knocking matters to an operator.
     */
    static List<String> lines(String self, List<String> members, List<RingTransport.RingStatus> rings,
            List<RefusalLog.Refusal> refusals, Instant now, Duration faultAfter) {
        List<String> out = new ArrayList<>();
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
            if (silent.isEmpty() && refused(refusals, r.ring(), true).isEmpty()) {
                out.add("ring " + r.ring() + ": active with no faults");
            } else if (silent.isEmpty()) {
                out.add("ring " + r.ring() + ": FAULTY: see below");
            } else {
                List<String> parts = new ArrayList<>();
                silent.forEach((m, ago) -> parts.add(ago < 0 ? m + " never heard" : m + " silent for " + ago / 1000 + " s"));
                out.add("ring " + r.ring() + ": FAULTY: " + String.join(", ", parts));
            }
        }
        for (int ring = 0; ring < Math.max(1, rings.size()); ring++) {
            List<RefusalLog.Refusal> mine = refused(refusals, ring, true);
            if (!mine.isEmpty()) {
                out.add("ring " + ring + ": FAULTY: " + (members.size() <= 1 ? "isolated, " : "")
                        + "cannot authenticate with " + addresses(mine) + " (" + mine.get(mine.size() - 1).reason()
                        + ")");
            }
            List<RefusalLog.Refusal> theirs = refused(refusals, ring, false);
            if (!theirs.isEmpty()) {
                out.add("ring " + ring + ": refused connections from " + addresses(theirs) + " ("
                        + theirs.get(theirs.size() - 1).reason() + ")");
            }
        }
        return out;
    }

    /** Authentication and protocol refusals on one ring, one direction (silence is a peer down, not news). */
    private static List<RefusalLog.Refusal> refused(List<RefusalLog.Refusal> refusals, int ring, boolean outgoing) {
        List<RefusalLog.Refusal> out = new ArrayList<>();
        for (RefusalLog.Refusal r : refusals) {
            if (r.ring() == ring && r.outgoing() == outgoing && !r.kind().equals(RefusalLog.SILENCE)) {
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
