package org.vigil.node;

import java.util.ArrayList;
import java.util.List;
import org.vigil.cib.Lrm;
import org.vigil.cib.LrmResource;
import org.vigil.cib.LrmRscOp;

/** Reads a node's own operation history: what may still be active here (a clean shutdown waits for none). */
final class LocalActivity {
    private LocalActivity() {}

    /** Resources whose last operation leaves them (possibly) active on this node. */
    static List<String> active(Lrm history) {
        List<String> out = new ArrayList<>();
        if (history == null) {
            return out;
        }
        for (LrmResource r : history.resources()) {
            LrmRscOp last = null;
            for (LrmRscOp op : r.ops()) {
                if (last == null || op.call() > last.call()) {
                    last = op;
                }
            }
            if (last != null && !inactiveAfter(last)) {
                out.add(r.id());
            }
        }
        return out;
    }

    private static boolean inactiveAfter(LrmRscOp op) {
        String task = op.operation();
        int rc = op.rc();
        if (task.equals("stop") || task.equals("migrate_to")) {
            return rc == 0;
        }
        if (task.equals("monitor")) {
            return rc == 7;
        }
        return false;
    }
}
