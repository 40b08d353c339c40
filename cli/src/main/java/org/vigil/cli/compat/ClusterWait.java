package org.vigil.cli.compat;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.vigil.cib.Cib;
import org.vigil.cib.NvSets;
import org.vigil.scheduler.Scheduler;
import org.vigil.scheduler.Transition;
import org.vigil.scheduler.Transition.TransitionAction;

/**
 * {@code crm_resource --wait} (wait_till_stable): every two seconds the CIB (the live cluster's, or CIB_file's) is
 * read and scheduled afresh, until the transition it calls for has no pending action (exit 0) or the timeout (one
 * hour unless {@code -T}) has passed: then the pending actions are listed and the exit code is 124, as Pacemaker's.
 */
final class ClusterWait {
    /** WAIT_SLEEP_S: how long Pacemaker waits between two looks. */
    static final Duration PAUSE = Duration.ofSeconds(2);
    /** WAIT_DEFAULT_TIMEOUT_S. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);

    /** How the wait sleeps (tests pass one that does not). */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final Supplier<Cib> cib;
    private final Supplier<Instant> now;
    private final Sleeper sleeper;

    ClusterWait(Supplier<Cib> cib, Supplier<Instant> now, Sleeper sleeper) {
        this.cib = cib;
        this.now = now;
        this.sleeper = sleeper;
    }

    /**
     * Waits; {@code out} (null for XML answers, which leave these lines out) gets the mixed-version warning unless
     * {@code quiet}, and the pending actions on a timeout.
     */
    int run(Duration timeout, boolean quiet, PrintWriter out) {
        long seconds = timeout == null || timeout.isZero() ? DEFAULT_TIMEOUT.toSeconds()
                : (timeout.toMillis() + 999) / 1000;
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        boolean warned = quiet;
        List<TransitionAction> pending = List.of();
        do {
            if (System.nanoTime() - deadline >= 0) {
                if (out != null) {
                    out.println("Pending actions:");
                    for (TransitionAction a : pending) {
                        out.println("\tAction " + a.id() + ": " + a.key() + (a.node() == null ? "" : "\ton " + a.node()));
                    }
                    out.flush();
                }
                return 124;
            }
            try {
                sleeper.sleep(PAUSE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
            Cib current = cib.get();
            pending = pending(new Scheduler().schedule(current, now.get()));
            if (!warned) {
                String dc = NvSets.firstValue(current.configuration().clusterProperties(), "dc-version").orElse(null);
                if (dc != null && out != null) {
                    out.println("warning: wait option may not work properly in mixed-version cluster");
                    out.flush();
                }
                warned = true;
            }
        } while (!pending.isEmpty());
        return 0;
    }

    /** action_is_pending: real (not pseudo) actions other than notifications, newest first as Pacemaker lists them. */
    static List<TransitionAction> pending(Transition t) {
        return t.actions().stream().filter(a -> !a.pseudo() && !"notify".equals(a.task()))
                .sorted(Comparator.comparingInt(TransitionAction::id).reversed()).toList();
    }
}
