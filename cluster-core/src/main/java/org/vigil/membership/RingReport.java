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
        List<String> out = new ArrayList<>();
        if (rings.isEmpty()) {
            out.add("ring 0: the only ring (no redundancy configured)");
            return out;
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
            if (silent.isEmpty()) {
                out.add("ring " + r.ring() + ": active with no faults");
            } else {
                List<String> parts = new ArrayList<>();
                silent.forEach((m, ago) -> parts.add(ago < 0 ? m + " never heard" : m + " silent for " + ago / 1000 + " s"));
                out.add("ring " + r.ring() + ": FAULTY: " + String.join(", ", parts));
            }
        }
        return out;
    }
}
