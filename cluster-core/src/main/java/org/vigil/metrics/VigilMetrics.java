package org.vigil.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.vigil.cib.Cib;
import org.vigil.controller.TransitionObserver;
import org.vigil.transition.GraphAction;
import org.vigil.transition.TransitionGraph;

/**
 * Vigil's own metrics beside ha_cluster_exporter's: scheduler run time, transitions by result and their
 * actions, configuration commits, fencing, and how long recoveries after a lost node take (from the
 * transition the loss triggered to the end of the last transition of that recovery). Transition metrics are
 * counted on the node that was DC when they ran.
 */
public final class VigilMetrics implements TransitionObserver {
    private final Histogram schedulerSeconds;
    private final Counter transitions;
    private final Counter actions;
    private final Counter commits;
    private final Counter fencing;
    private final Histogram failoverSeconds;
    private final Map<Integer, Instant> starts = new HashMap<>();
    /** When the recovery from a lost node began; null when none is under way. */
    private Instant recoveryStart;

    public VigilMetrics(PrometheusRegistry registry) {
        schedulerSeconds = Histogram.builder().name("vigil_scheduler_run_seconds")
                .help("How long one scheduler run took").classicUpperBounds(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5)
                .register(registry);
        transitions = Counter.builder().name("vigil_transitions_total")
                .help("Transitions run by this node as DC, by how they ended").labelNames("result").register(registry);
        actions = Counter.builder().name("vigil_transition_actions_total")
                .help("Actions of transitions run by this node as DC, by task and result").labelNames("task", "result")
                .register(registry);
        commits = Counter.builder().name("vigil_cib_commits_total")
                .help("Configuration changes asked for on this node, by the DC's verdict").labelNames("result")
                .register(registry);
        fencing = Counter.builder().name("vigil_fence_operations_total")
                .help("Fence operations recorded in the fencing history since this node started, by result")
                .labelNames("result").register(registry);
        failoverSeconds = Histogram.builder().name("vigil_failover_seconds")
                .help("From the transition a lost node triggered to the end of the recovery")
                .classicUpperBounds(0.5, 1, 2, 5, 10, 30, 60, 300).register(registry);
        for (String r : new String[] {"complete", "aborted"}) {
            transitions.labelValues(r);
        }
        for (String r : new String[] {"ok", "failed"}) {
            fencing.labelValues(r);
        }
        for (String r : new String[] {"ok", "refused"}) {
            commits.labelValues(r);
        }
    }

    public void schedulerRan(Duration took) {
        schedulerSeconds.observe(took.toNanos() / 1e9);
    }

    public void committed(boolean ok) {
        commits.labelValues(ok ? "ok" : "refused").inc();
    }

    public void fenced(boolean ok) {
        fencing.labelValues(ok ? "ok" : "failed").inc();
    }

    @Override
    public void started(int id, String trigger, Cib input, Instant now, TransitionGraph graph) {
        starts.put(id, now);
        if (recoveryStart == null && trigger.startsWith("membership")) {
            recoveryStart = now;
        }
    }

    @Override
    public void actionDone(int id, GraphAction action, boolean ok, String detail, Instant at) {
        actions.labelValues(action.task(), ok ? "ok" : "failed").inc();
    }

    @Override
    public void finished(int id, boolean succeeded, String abortReason, Instant at) {
        starts.remove(id);
        transitions.labelValues(succeeded ? "complete" : "aborted").inc();
        if (succeeded && recoveryStart != null) {
            failoverSeconds.observe(Duration.between(recoveryStart, at).toNanos() / 1e9);
            recoveryStart = null;
        }
    }
}
