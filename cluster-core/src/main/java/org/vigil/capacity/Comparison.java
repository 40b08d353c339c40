package org.vigil.capacity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The settled cluster before and after one failure, compared unit by unit. */
final class Comparison {
    private final Settled before;
    private final Settled after;
    private final Set<String> failed;
    private final Reasons reasons;

    Comparison(Settled before, Settled after, Set<String> failed, Reasons reasons) {
        this.before = before;
        this.after = after;
        this.failed = failed;
        this.reasons = reasons;
    }

    List<Loss> losses() {
        List<Loss> out = new ArrayList<>();
        for (Settled.Single b : before.singles().values()) {
            Settled.Single a = after.singles().get(b.id());
            if (!b.active()) {
                continue;
            }
            if (a == null || !a.active()) {
                boolean onFailed = b.nodes().stream().anyMatch(failed::contains);
                out.add(new Loss(onFailed ? Loss.Kind.NOT_RECOVERED : Loss.Kind.STOPPED, b.id(), b.group(),
                        b.nodes(), 1, reasons.of(List.of(b.id()))));
            } else if (b.promoted() && !a.promoted()) {
                out.add(new Loss(Loss.Kind.DEMOTED, b.id(), b.group(), b.nodes(), 1, reasons.of(List.of(b.id()))));
            }
        }
        for (Settled.CloneMember b : before.clones().values()) {
            Settled.CloneMember a = after.clones().get(b.cloneId() + "/" + b.member());
            instances(b, a, out);
            promotions(b, a, out);
        }
        return out;
    }

    private void instances(Settled.CloneMember b, Settled.CloneMember a, List<Loss> out) {
        List<String> survivingNodes = new ArrayList<>();
        for (Settled.Instance i : b.instances()) {
            if (i.active() && i.nodes().stream().noneMatch(failed::contains)) {
                survivingNodes.addAll(i.nodes());
            }
        }
        long expected = survivingNodes.size();
        long now = a == null ? 0 : a.active();
        if (now < expected) {
            out.add(new Loss(Loss.Kind.INSTANCES_STOPPED, b.label(), null, survivingNodes, expected - now,
                    reasons.of(ids(a, false))));
        }
    }

    private void promotions(Settled.CloneMember b, Settled.CloneMember a, List<Loss> out) {
        List<String> onSurvivors = new ArrayList<>();
        List<String> onFailed = new ArrayList<>();
        for (Settled.Instance i : b.instances()) {
            if (i.active() && "Promoted".equals(i.role())) {
                (i.nodes().stream().anyMatch(failed::contains) ? onFailed : onSurvivors).addAll(i.nodes());
            }
        }
        long wanted = onSurvivors.size() + onFailed.size();
        long now = a == null ? 0 : a.promoted();
        if (now >= wanted) {
            return;
        }
        boolean demoted = now < onSurvivors.size();
        List<String> where = new ArrayList<>(onSurvivors);
        where.addAll(onFailed);
        out.add(new Loss(demoted ? Loss.Kind.DEMOTED : Loss.Kind.NOT_PROMOTED, b.label(), null, where, wanted - now,
                reasons.of(ids(a, true))));
    }

    /** The instances to explain: the stopped ones, or (for promotion) all of them. */
    private static List<String> ids(Settled.CloneMember a, boolean all) {
        List<String> out = new ArrayList<>();
        if (a != null) {
            for (Settled.Instance i : a.instances()) {
                if (all || !i.active()) {
                    out.add(i.id());
                }
            }
        }
        return out;
    }
}
