package org.vigil.scheduler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.cib.Cib;
import org.vigil.scheduler.constraint.LocationStage;
import org.vigil.scheduler.constraint.TicketStage;
import org.vigil.scheduler.constraint.UnpackConstraintsStage;
import org.vigil.scheduler.history.HistoryPlans;
import org.vigil.scheduler.history.ParameterDigests;
import org.vigil.scheduler.history.UnpackHistoryStage;
import org.vigil.scheduler.node.UnpackNodesStage;
import org.vigil.scheduler.resource.PrimitiveRsc;
import org.vigil.scheduler.resource.UnpackResourcesStage;
import org.vigil.scheduler.stage.ActionsStage;
import org.vigil.scheduler.stage.AssignStage;
import org.vigil.scheduler.stage.MonitorsStage;
import org.vigil.scheduler.stage.NotificationsStage;
import org.vigil.scheduler.stage.PropagateStage;
import org.vigil.scheduler.stage.SummaryStage;
import org.vigil.scheduler.stage.UnpackConfigStage;

/**
 * The policy engine: {@code schedule(cib, now)} is a pure, deterministic function. The work is an explicit
 * pipeline of stages over one working set, in the order of DESIGN.md section 4.
 */
public final class Scheduler {
    private static final List<Stage> PIPELINE = List.of(
            new UnpackConfigStage(),
            new UnpackNodesStage(),
            new UnpackResourcesStage(),
            new UnpackHistoryStage(),
            new UnpackConstraintsStage(),
            new LocationStage(),
            new TicketStage(),
            new AssignStage(),
            new ActionsStage(),
            new PropagateStage(),
            new SummaryStage(),
            new MonitorsStage(),
            new NotificationsStage());

    private final HistoryPlans historyPlans = new HistoryPlans();
    private final ParameterDigests parameterDigests = new ParameterDigests();
    private final boolean explain;

    /** A scheduler whose transitions explain themselves: score lines, notes, the cluster before and after. */
    public Scheduler() {
        this(true);
    }

    private Scheduler(boolean explain) {
        this.explain = explain;
    }

    /**
     * A scheduler for the controller: the same decisions, without the score lines, explanations and
     * before/after views that only {@code crm simulate} prints (they cost a tenth of a run at scale).
     */
    public static Scheduler decisionsOnly() {
        return new Scheduler(false);
    }

    public Transition schedule(Cib cib, Instant now) {
        WorkingSet ws = new WorkingSet(cib, now, explain, historyPlans, parameterDigests);
        for (Stage s : PIPELINE) {
            // the resource stage keeps per-run template state, so each run gets a fresh one
            Stage stage = s instanceof UnpackResourcesStage ? new UnpackResourcesStage() : s;
            stage.run(ws);
        }
        ws.publishParameterDigests();
        return toTransition(ws);
    }

    private static Transition toTransition(WorkingSet ws) {
        List<Transition.TransitionAction> actions = new ArrayList<>();
        java.util.Set<Integer> kept = new java.util.HashSet<>();
        for (Action a : ws.actions) {
            if (a.optional || !a.runnable) {
                continue;
            }
            if (a.isCollectivePseudo() && !a.runnable) {
                continue;
            }
            kept.add(a.seq);
            boolean pseudo = a.pseudo || a.rsc != null && a.rsc.isCollective();
            actions.add(new Transition.TransitionAction(a.seq, a.rsc == null ? a.task : a.key(),
                    a.rsc == null ? null : a.rsc.id, a.task, a.node == null ? null : a.node.uname, pseudo,
                    a.intervalMs, a.fenceKind, a.meta, a.rsc == null ? null : a.rsc.anonymousBase()));
        }
        List<Transition.Ordering> orderings = new ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (Edge e : ws.edges) {
            if (kept.contains(e.first().seq) && kept.contains(e.then().seq)
                    && seen.add(((long) e.first().seq << 32) | e.then().seq)) {
                orderings.add(new Transition.Ordering(e.first().seq, e.then().seq));
            }
        }
        Map<String, String> placements = new LinkedHashMap<>();
        Map<String, String> roles = new LinkedHashMap<>();
        for (PrimitiveRsc p : ws.primitives) {
            if (p.assignedTo != null) {
                placements.put(p.id, p.assignedTo.uname);
            }
            roles.put(p.id, p.nextRole.text());
        }
        List<String> unsupported = new ArrayList<>(ws.unsupported);
        return new Transition(actions, orderings, ws.summary, ws.explain.scoreLines(), ws.explain.notes(),
                unsupported, placements, roles, ws.explain.recording() ? ViewBuilder.current(ws) : null,
                ws.explain.recording() ? ViewBuilder.revised(ws) : null, ws.migrationLimit, ws.recheckBy());
    }
}
