package org.vigil.transition;

import java.util.List;
import java.util.Map;

/**
 * One action of a transition graph.
 *
 * @param id          unique within the graph
 * @param task        start, stop, monitor, promote, demote, migrate_to, migrate_from, notify, reload, fence
 *                    (Pacemaker's task names), or any name for pseudo actions
 * @param resource    the resource instance as the node's executor knows it (e.g. {@code vm01}, {@code drbd:1}),
 *                    null for fencing and cluster-wide pseudo actions
 * @param node        where it runs (the target of a fence), null for pseudo actions
 * @param intervalMs  recurring interval of monitors, 0 otherwise
 * @param pseudo      a marker only: completes as soon as its predecessors have
 * @param meta        extra Pacemaker meta for the agent: {@code migrate_source}, {@code migrate_target},
 *                    {@code notify_*}, {@code timeout} (ms), {@code fence_action} (reboot/off), ...
 * @param predecessors ids of the actions that must complete first
 */
public record GraphAction(
        int id,
        String task,
        String resource,
        String node,
        long intervalMs,
        boolean pseudo,
        Map<String, String> meta,
        List<Integer> predecessors) {
    public GraphAction {
        meta = meta == null ? Map.of() : Map.copyOf(meta);
        predecessors = predecessors == null ? List.of() : List.copyOf(predecessors);
    }

    public boolean isFence() {
        return "fence".equals(task) || "stonith".equals(task);
    }

    public boolean isMigration() {
        return "migrate_to".equals(task) || "migrate_from".equals(task);
    }

    /** Pacemaker's operation key, {@code RSC_TASK_INTERVAL}. */
    public String key() {
        return resource == null ? task : resource + "_" + task + "_" + intervalMs;
    }
}
