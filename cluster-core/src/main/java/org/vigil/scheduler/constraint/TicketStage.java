package org.vigil.scheduler.constraint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vigil.cib.Booleans;
import org.vigil.cib.Constraint;
import org.vigil.cib.OpaqueConstraint;
import org.vigil.cib.Score;
import org.vigil.cib.XmlElement;
import org.vigil.scheduler.Role;
import org.vigil.scheduler.Stage;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.node.SchedNode;
import org.vigil.scheduler.resource.Rsc;

/**
 * rsc_ticket: resources that need a ticket may only run while it is granted and not in standby; losing it
 * applies the loss-policy (stop, demote, fence or freeze).
 */
public final class TicketStage implements Stage {
    record TicketState(boolean granted, boolean standby) {}

    @Override
    public String name() {
        return "tickets";
    }

    @Override
    public void run(WorkingSet ws) {
        Map<String, TicketState> tickets = new HashMap<>();
        for (XmlElement e : ws.cib.status().extras()) {
            if (e.name().equals("tickets")) {
                for (XmlElement t : e.children("ticket_state")) {
                    tickets.put(t.id(), new TicketState(Booleans.isTrue(t.attribute("granted")),
                            Booleans.isTrue(t.attribute("standby"))));
                }
            }
        }
        for (Constraint c : ws.cib.configuration().constraints()) {
            if (!(c instanceof OpaqueConstraint o) || !o.element().name().equals("rsc_ticket")) {
                continue;
            }
            XmlElement e = o.element();
            String ticketId = e.attribute("ticket");
            TicketState state = tickets.getOrDefault(ticketId, new TicketState(false, false));
            String policy = e.attribute("loss-policy") == null ? "stop" : e.attribute("loss-policy");
            List<String> ids = new ArrayList<>();
            List<String> roles = new ArrayList<>();
            if (e.attribute("rsc") != null) {
                ids.add(e.attribute("rsc"));
                roles.add(e.attribute("rsc-role"));
            }
            for (XmlElement set : e.children("resource_set")) {
                for (XmlElement ref : set.children("resource_ref")) {
                    ids.add(ref.id());
                    roles.add(set.attribute("role"));
                }
            }
            for (int i = 0; i < ids.size(); i++) {
                for (Rsc r : ResourceReferences.expand(ws, ids.get(i))) {
                Role role = Role.parse(roles.get(i));
                if (!state.granted() || state.standby()) {
                    ws.ticketLosses.add(new WorkingSet.TicketLoss(r, role, policy));
                }
                apply(ws, r, role, policy, state, ticketId);
                }
            }
        }
        for (XmlElement e : ws.cib.configuration().extras()) {
            if (e.name().equals("tickets")) {
                ws.unsupported.add("ticket configuration");
            }
        }
    }

    private void apply(WorkingSet ws, Rsc r, Role role, String policy, TicketState t, String ticket) {
        if (!r.children.isEmpty()) {
            for (Rsc c : r.children) {
                apply(ws, c, role, policy, t, ticket);
            }
            return;
        }
        if (!t.granted() && !r.runningOn.isEmpty()) {
            switch (policy) {
                case "demote" -> {
                    if (role != Role.PROMOTED) {
                        ban(ws, r, ticket + " was lost");
                    }
                }
                case "fence" -> {
                    if (!matchesRole(r, role)) {
                        return;
                    }
                    ban(ws, r, ticket + " was lost");
                    for (SchedNode n : r.runningOn) {
                        n.fence("deadman ticket was lost");
                    }
                }
                case "freeze" -> {
                    if (!matchesRole(r, role)) {
                        return;
                    }
                    r.managed = false;
                    r.blocked = true;
                }
                default -> ban(ws, r, ticket + " was lost");
            }
        } else if (!t.granted()) {
            if (role != Role.PROMOTED || policy.equals("stop")) {
                ban(ws, r, ticket + " is not granted");
            }
        } else if (t.standby()) {
            if (role != Role.PROMOTED || policy.equals("stop")) {
                ban(ws, r, ticket + " is in standby");
            }
        }
    }

    private static boolean matchesRole(Rsc r, Role role) {
        if (role == Role.UNKNOWN) {
            return true;
        }
        Role current = r.role;
        return current == role;
    }

    private static void ban(WorkingSet ws, Rsc r, String why) {
        for (SchedNode n : ws.nodes) {
            r.allowed.set(n.index, Score.MINUS_INFINITY);
        }
        ws.explain.note(r, null, Score.MINUS_INFINITY, "ticket " + why);
    }
}
