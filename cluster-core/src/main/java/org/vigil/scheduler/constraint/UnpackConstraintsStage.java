package org.vigil.scheduler.constraint;

import org.vigil.cib.ColocationConstraint;
import org.vigil.cib.Constraint;
import org.vigil.cib.LocationConstraint;
import org.vigil.cib.OpaqueConstraint;
import org.vigil.cib.OrderConstraint;
import org.vigil.scheduler.Stage;
import org.vigil.scheduler.WorkingSet;

/**
 * Reads the constraints section: each rsc_location, rsc_colocation and rsc_order goes to the class of its kind,
 * which resolves it to working-set objects. rsc_ticket is read by {@link TicketStage}.
 */
public final class UnpackConstraintsStage implements Stage {
    @Override
    public String name() {
        return "unpack constraints";
    }

    @Override
    public void run(WorkingSet ws) {
        for (Constraint c : ws.cib.configuration().constraints()) {
            if (c instanceof LocationConstraint l) {
                LocationConstraints.unpack(ws, l);
            } else if (c instanceof ColocationConstraint col) {
                ColocationConstraints.unpack(ws, col);
            } else if (c instanceof OrderConstraint o) {
                OrderConstraints.unpack(ws, o);
            } else if (c instanceof OpaqueConstraint o && !o.element().name().equals("rsc_ticket")) {
                ws.unsupported.add(o.element().name() + " constraints (" + o.id() + ")");
            }
        }
    }
}
