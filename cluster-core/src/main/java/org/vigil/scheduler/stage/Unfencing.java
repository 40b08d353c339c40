package org.vigil.scheduler.stage;

import java.util.List;
import org.vigil.scheduler.Action;
import org.vigil.scheduler.Edge;
import org.vigil.scheduler.Role;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.history.DigestCheck;
import org.vigil.scheduler.history.NodeHistory;
import org.vigil.scheduler.node.SchedNode;
import org.vigil.scheduler.resource.PrimitiveActions;
import org.vigil.scheduler.resource.PrimitiveRsc;

/**
 * Unfencing, as Pacemaker does it once a fencing device has {@code provides=unfencing} (meta or instance
 * attribute) and fencing is enabled. Each node then has an unfencing action ({@code Fencing NODE (on)}),
 * optional until something requires it:
 * <ul>
 * <li>a fencing device's agent changed in a node's history ({@code 'Device definition changed'}) or its
 * parameters changed where it runs ({@code 'Device parameters changed'});</li>
 * <li>a node never unfenced (its {@code #node-unfenced} attribute absent or 0) where a fencing device or a
 * resource needing unfencing is probed ({@code 'required by RSC monitor'}) or started ({@code 'required by
 * RSC start'}); the first reason is kept.</li>
 * </ul>
 * Resources needing unfencing — by default every resource but fencing devices and remote connections, or
 * those with {@code requires=unfencing} — start after their node's unfencing, which, when required, requires
 * those starts ("due to required stonith"), and are stopped before it. Fencing devices start and are probed
 * after it too. Only a node that is online, clean and not shutting down is unfenced.
 */
public final class Unfencing {
    private Unfencing() {}

    /** Pacemaker's pe_rsc_needs_unfencing. */
    static boolean needs(WorkingSet ws, PrimitiveRsc p) {
        if (!ws.unfencing || !ws.stonithEnabled || p.isStonith()) {
            return false;
        }
        String requires = p.meta.get("requires");
        if (requires != null) {
            return requires.equals("unfencing");
        }
        return !p.isConnection() && p.remoteNode == null;
    }

    /** Whether probes and starts of {@code p} wait for their node's unfencing. */
    static boolean waitsForUnfencing(WorkingSet ws, PrimitiveRsc p) {
        return ws.unfencing && ws.stonithEnabled && (p.isStonith() || needs(ws, p));
    }

    static boolean unfenced(SchedNode n) {
        String v = n.attribute("#node-unfenced");
        return v != null && !v.equals("0");
    }

    /** After the resources' actions are made: what requires unfencing, and the orderings around it. */
    static void schedule(WorkingSet ws) {
        if (!ws.unfencing || !ws.stonithEnabled) {
            return;
        }
        for (SchedNode n : ws.nodes) {
            for (PrimitiveRsc p : ws.primitives) {
                NodeHistory h = p.history.get(n);
                if (!p.isStonith() || p.orphan || h == null) {
                    continue;
                }
                if (h.agentChanged) {
                    trigger(ws, n, "Device definition changed");
                } else if (h.role.above(Role.STOPPED) && p.managed) {
                    DigestCheck.Outcome o = DigestCheck.check(ws, p, n);
                    if (o == DigestCheck.Outcome.RESTART || o == DigestCheck.Outcome.RESTART_DEFINITION) {
                        trigger(ws, n, "Device parameters changed");
                    } else if (o == DigestCheck.Outcome.RELOAD) {
                        trigger(ws, n, "Device parameters changed (reload)");
                    }
                }
            }
        }
        for (SchedNode n : ws.nodes) {
            if (unfenced(n)) {
                continue;
            }
            for (PrimitiveRsc p : ws.primitives) {
                if (waitsForUnfencing(ws, p) && p.managed && !p.orphan && MonitorsStage.needsProbe(ws, p, n)) {
                    trigger(ws, n, "required by " + p.id + " monitor");
                }
            }
        }
        for (PrimitiveRsc p : ws.primitives) {
            if (!waitsForUnfencing(ws, p)) {
                continue;
            }
            for (Action start : p.findActions("start")) {
                if (start.node == null) {
                    continue;
                }
                ws.order(action(ws, start.node), start, Edge.IMPLIES_THEN);
                if (!unfenced(start.node) && !start.optional && start.runnable) {
                    trigger(ws, start.node, "required by " + p.id + " start");
                }
            }
            if (needs(ws, p)) {
                for (Action stop : p.findActions("stop")) {
                    if (stop.node != null && !stop.pseudo) {
                        ws.order(stop, action(ws, stop.node), Edge.IMPLIES_FIRST);
                    }
                }
            }
        }
    }

    /** The unfencing of {@code n}, ordered before a probe of a resource that waits for it. */
    static void beforeProbe(WorkingSet ws, PrimitiveRsc p, Action probe) {
        Action on = ws.unfenceActions.get(probe.node);
        if (on != null && waitsForUnfencing(ws, p)) {
            ws.order(on, probe, Edge.OPTIONAL);
        }
    }

    /** Pacemaker's trigger_unfencing for one node. */
    private static void trigger(WorkingSet ws, SchedNode n, String reason) {
        if (!n.online || n.unclean || n.shutdown || !PrimitiveActions.canFence(ws, n)) {
            return;
        }
        Action on = action(ws, n);
        if (on.optional) {
            on.optional = false;
            on.reason = reason;
        } else if (on.reason == null) {
            on.reason = reason;
        }
        ws.requiredUnfencing.add(on);
    }

    private static Action action(WorkingSet ws, SchedNode n) {
        return ws.unfenceActions.computeIfAbsent(n, k -> ws.fencing(n, "on", true));
    }

    /** Summary lines of the unfencing that will happen, in the order it was required. */
    static void summarize(WorkingSet ws, List<String> out) {
        for (Action on : ws.requiredUnfencing) {
            if (!on.optional && on.runnable) {
                out.add("  * Fence (on) " + on.node.uname + " '" + on.reason + "'");
            }
        }
    }
}
