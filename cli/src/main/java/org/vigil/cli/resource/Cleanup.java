package org.vigil.cli.resource;

import java.util.ArrayList;
import java.util.List;
import org.vigil.cib.Cib;
import org.vigil.cib.Lrm;
import org.vigil.cib.LrmResource;
import org.vigil.cib.LrmRscOp;
import org.vigil.cib.NodeState;
import org.vigil.cib.NvPair;
import org.vigil.cib.NvSet;
import org.vigil.cib.Status;
import org.vigil.cib.TransientAttributes;
import org.vigil.cli.status.OperationHistory;

/**
 * {@code crm resource cleanup}: forgets recorded failures (failed operations, fail counts, last-failure
 * times) so the resource may run again where it failed. Successful history stays, so status still knows
 * where the resource runs (a live cluster would re-probe instead).
 */
final class Cleanup {
    record Result(Cib cib, List<String> cleaned) {}

    private Cleanup() {}

    /** @param rscIds the resource and its children; {@code node} null means every node */
    static Result clean(Cib cib, List<String> rscIds, String node) {
        List<String> cleaned = new ArrayList<>();
        List<NodeState> states = new ArrayList<>();
        for (NodeState s : cib.status().nodeStates()) {
            String name = s.uname() != null ? s.uname() : s.id();
            if (node != null && !node.equals(name)) {
                states.add(s);
                continue;
            }
            NodeState ns = s;
            if (s.lrm() != null) {
                List<LrmResource> rs = new ArrayList<>();
                for (LrmResource r : s.lrm().resources()) {
                    String base = org.vigil.cib.ResourceInstance.baseOf(r.id());
                    if (base == null || !rscIds.contains(base)) {
                        rs.add(r);
                        continue;
                    }
                    List<LrmRscOp> ops = r.ops().stream().filter(o -> !isFailure(o)).toList();
                    if (ops.size() != r.ops().size()) {
                        cleaned.add(base + " on " + name);
                    }
                    if (!ops.isEmpty()) {
                        rs.add(r.withOps(ops));
                    }
                }
                Lrm l = s.lrm();
                ns = ns.withLrm(new Lrm(l.id(), l.otherAttributes(), l.resourcesId(), rs));
            }
            if (ns.transientAttributes() != null) {
                List<NvSet> sets = new ArrayList<>();
                for (NvSet set : ns.transientAttributes().sets()) {
                    List<NvPair> keep = new ArrayList<>();
                    for (NvPair p : set.pairs()) {
                        if (isFailureAttribute(p.name(), rscIds)) {
                            String label = rscIds.get(0) + " on " + name;
                            if (!cleaned.contains(label)) {
                                cleaned.add(label);
                            }
                        } else {
                            keep.add(p);
                        }
                    }
                    sets.add(new NvSet(set.id(), set.idRef(), set.score(), set.rule(), keep));
                }
                ns = ns.withTransientAttributes(new TransientAttributes(ns.transientAttributes().id(), sets));
            }
            states.add(ns);
        }
        return new Result(cib.withStatus(new Status(states, cib.status().extras())), cleaned);
    }

    /**
     * {@code crm resource refresh}: forgets the whole history of the resources (and their fail counts) on
     * {@code node} (null: every node), so the cluster probes their state again.
     */
    static Result refresh(Cib cib, List<String> rscIds, String node) {
        List<String> refreshed = new ArrayList<>();
        Cib failuresGone = clean(cib, rscIds, node).cib();
        List<NodeState> states = new ArrayList<>();
        for (NodeState s : failuresGone.status().nodeStates()) {
            String name = s.uname() != null ? s.uname() : s.id();
            if ((node != null && !node.equals(name)) || s.lrm() == null) {
                states.add(s);
                continue;
            }
            List<LrmResource> rs = new ArrayList<>();
            for (LrmResource r : s.lrm().resources()) {
                String base = org.vigil.cib.ResourceInstance.baseOf(r.id());
                if (base != null && rscIds.contains(base)) {
                    refreshed.add(r.id() + " on " + name);
                } else {
                    rs.add(r);
                }
            }
            Lrm l = s.lrm();
            states.add(s.withLrm(new Lrm(l.id(), l.otherAttributes(), l.resourcesId(), rs)));
        }
        return new Result(cib.withStatus(new Status(states, failuresGone.status().extras())), refreshed);
    }

    private static boolean isFailure(LrmRscOp op) {
        if (op.call() < 0 || op.operation() == null) {
            return false;
        }
        return (op.id() != null && op.id().contains("_last_failure_")) || OperationHistory.isFailed(op);
    }

    static boolean isFailureAttribute(String name, List<String> ids) {
        if (name == null) {
            return false;
        }
        for (String id : ids) {
            for (String prefix : List.of("fail-count-", "last-failure-")) {
                if (name.equals(prefix + id) || name.startsWith(prefix + id + "#") || name.startsWith(prefix + id + ":")) {
                    return true;
                }
            }
        }
        return false;
    }

}
