package org.vigil.sim;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Injected agent failures still waiting to happen: "the next start of vm01 on node2 fails", "the next
 * monitor of vm01 anywhere finds it dead", "the next stop of X hangs". Each is used once.
 */
public final class FaultPlan {
    /** What goes wrong. HANG means the action never answers (the executor's timeout must catch it). */
    public enum Kind {
        FAIL,
        HANG
    }

    /** {@code node} null means on any node. */
    public record AgentFault(String resource, String action, String node, Kind kind) {}

    private final List<AgentFault> pending = new ArrayList<>();

    private java.util.function.Consumer<AgentFault> onAdd = f -> { };

    /** Told of each fault as it is planned. */
    public void onAdd(java.util.function.Consumer<AgentFault> listener) {
        this.onAdd = listener;
    }

    public void add(AgentFault fault) {
        onAdd.accept(fault);
        pending.add(fault);
    }

    /** Whether a fault is waiting for this action (without taking it). */
    public boolean pending(String resource, String action, String node) {
        for (AgentFault f : pending) {
            if (matches(f.resource(), resource) && f.action().equals(action)
                    && (f.node() == null || f.node().equals(node))) {
                return true;
            }
        }
        return false;
    }

    /** Takes the first pending fault matching this action, if any. */
    public AgentFault take(String resource, String action, String node) {
        Iterator<AgentFault> it = pending.iterator();
        while (it.hasNext()) {
            AgentFault f = it.next();
            if (matches(f.resource(), resource) && f.action().equals(action)
                    && (f.node() == null || f.node().equals(node))) {
                it.remove();
                return f;
            }
        }
        return null;
    }

    static boolean matches(String wanted, String instance) {
        if (wanted.equals(instance)) {
            return true;
        }
        int colon = instance.indexOf(':');
        return colon > 0 && instance.substring(0, colon).equals(wanted);
    }
}
