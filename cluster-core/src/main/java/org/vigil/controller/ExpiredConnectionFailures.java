package org.vigil.controller;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vigil.cib.Cib;
import org.vigil.cib.Lrm;
import org.vigil.cib.LrmResource;
import org.vigil.cib.LrmRscOp;
import org.vigil.cib.NodeState;
import org.vigil.cib.NvPair;
import org.vigil.cib.NvSet;
import org.vigil.cib.NvSets;
import org.vigil.cib.Primitive;
import org.vigil.cib.Resource;
import org.vigil.cib.Status;
import org.vigil.cib.TransientAttributes;
import org.vigil.rules.Durations;

/**
 * A remote connection with a {@code reconnect_interval} that started again: the failures that kept it stopped
 * have expired (the scheduler tries it only then), and are cleared from every node — fail counts, last-failure
 * times and the {@code RSC_last_failure_0} record — as Pacemaker's scheduler clears them with the connection's
 * new start ({@code clear_failcount}, "reconnect interval is set"). Kept, an expired monitor failure would count
 * again as soon as the remote node's {@code node_fenced} is reset, and fence it once more.
 */
final class ExpiredConnectionFailures {
    private ExpiredConnectionFailures() {}

    static Cib clear(Cib cib, String connection, Instant now) {
        long intervalSeconds = reconnectIntervalMs(cib, connection) / 1000;
        if (intervalSeconds <= 0) {
            return cib;
        }
        long expiredBefore = now.getEpochSecond() - intervalSeconds;
        List<NodeState> states = new ArrayList<>();
        for (NodeState s : cib.status().nodeStates()) {
            states.add(withoutExpired(s, connection, expiredBefore));
        }
        Cib out = cib.withStatus(new Status(states, cib.status().extras()));
        return out.equals(cib) ? cib : out;
    }

    /** The connection's {@code reconnect_interval} (an instance attribute, as Pacemaker reads it), 0 when none. */
    static long reconnectIntervalMs(Cib cib, String connection) {
        for (Resource r : cib.configuration().resources()) {
            if (r instanceof Primitive p && p.id().equals(connection)) {
                Optional<String> v = NvSets.firstValue(p.instanceAttributes(), "reconnect_interval")
                        .or(() -> NvSets.firstValue(p.metaAttributes(), "reconnect_interval"));
                return v.map(Durations::parseIntervalMs).filter(ms -> ms > 0).orElse(0L);
            }
        }
        return 0;
    }

    private static NodeState withoutExpired(NodeState s, String connection, long expiredBefore) {
        NodeState out = s;
        if (s.transientAttributes() != null && lastFailure(s, connection) <= expiredBefore) {
            List<NvSet> sets = new ArrayList<>();
            for (NvSet set : s.transientAttributes().sets()) {
                sets.add(new NvSet(set.id(), set.idRef(), set.score(), set.rule(),
                        set.pairs().stream().filter(p -> !isFailureOf(p, connection)).toList()));
            }
            out = out.withTransientAttributes(new TransientAttributes(s.transientAttributes().id(), sets));
        }
        Lrm lrm = s.lrm();
        if (lrm != null) {
            List<LrmResource> resources = new ArrayList<>();
            for (LrmResource r : lrm.resources()) {
                resources.add(!r.id().equals(connection) ? r : r.withOps(r.ops().stream()
                        .filter(op -> !(op.id().equals(connection + "_last_failure_0")
                                && op.lastRcChangeSeconds() <= expiredBefore))
                        .toList()));
            }
            out = out.withLrm(new Lrm(lrm.id(), lrm.otherAttributes(), lrm.resourcesId(), resources));
        }
        return out;
    }

    /** The latest last-failure time of the connection on this node (epoch seconds), 0 when none. */
    private static long lastFailure(NodeState s, String connection) {
        long last = 0;
        for (NvSet set : s.transientAttributes().sets()) {
            for (NvPair p : set.pairs()) {
                if (p.name() != null && isFailureOf(p, connection)
                        && p.name().startsWith(org.vigil.cib.FailCounts.LAST_FAILURE)) {
                    try {
                        last = Math.max(last, Long.parseLong(p.value().trim()));
                    } catch (NumberFormatException | NullPointerException e) {
                        // not a time: does not hold the clearing back
                    }
                }
            }
        }
        return last;
    }

    private static boolean isFailureOf(NvPair p, String connection) {
        String n = p.name();
        if (n == null) {
            return false;
        }
        for (String prefix : List.of(org.vigil.cib.FailCounts.FAIL_COUNT, org.vigil.cib.FailCounts.LAST_FAILURE)) {
            if (n.startsWith(prefix)) {
                String rest = n.substring(prefix.length());
                return rest.equals(connection) || rest.startsWith(connection + "#");
            }
        }
        return false;
    }
}
