package org.vigil.cli.status;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vigil.cib.Cib;
import org.vigil.cib.LrmRscOp;
import org.vigil.scheduler.StatusReader;
import org.vigil.scheduler.StatusReading;

/**
 * Where each resource runs and which operations failed, as the scheduler's unpack reads the CIB status
 * ({@link StatusReader}): the same roles, failures and blocked resources that {@code crm_mon} and
 * {@code crm simulate} show, in the shape the resource commands ask for (by resource id without the
 * {@code :N} of anonymous clone instances, and by node name).
 */
public final class OperationHistory {
    /** The state of one resource on one node. */
    public enum Role { STOPPED, STARTED, PROMOTED, FAILED }

    /** A failed operation: which resource, on which node, the recorded op. */
    public record Failure(String resource, String node, LrmRscOp op) {}

    private final Map<String, Map<String, Role>> roles = new LinkedHashMap<>();
    private final List<Failure> failures = new ArrayList<>();
    /** rsc + NUL + node where the resource is blocked (a failed stop): nothing will recover it by itself. */
    private final Set<String> blocked = new HashSet<>();

    private OperationHistory() {}

    public static OperationHistory of(Cib cib) {
        return of(cib, Clock.systemUTC().instant());
    }

    /** The history as of {@code now} (failures older than their failure-timeout no longer count). */
    public static OperationHistory of(Cib cib, Instant now) {
        return of(StatusReader.read(cib, now));
    }

    static OperationHistory of(StatusReading reading) {
        OperationHistory h = new OperationHistory();
        for (StatusReading.Item item : reading.resources()) {
            h.add(item);
        }
        for (StatusReading.FailedOp f : reading.failedOps()) {
            h.failures.add(new Failure(baseId(f.resource()), f.node(), f.op()));
        }
        return h;
    }

    private void add(StatusReading.Item item) {
        if (!item.kind().equals("primitive")) {
            item.children().forEach(this::add);
            return;
        }
        String rsc = baseId(item.id());
        Role role = item.failed() ? Role.FAILED
                : item.role().equals("Promoted") ? Role.PROMOTED : Role.STARTED;
        for (String node : item.nodes()) {
            // several instances of one anonymous clone on a node: the most significant state wins
            roles.computeIfAbsent(rsc, k -> new LinkedHashMap<>()).merge(node, role,
                    (a, b) -> a.ordinal() >= b.ordinal() ? a : b);
            if (item.blocked()) {
                blocked.add(rsc + "\0" + node);
            }
        }
    }

    /** Anonymous clone instances are recorded as {@code rsc:N}; they are the same resource. */
    static String baseId(String id) {
        return org.vigil.cib.ResourceInstance.baseOf(id);
    }

    /**
     * Whether one recorded result is a failure, as the scheduler judges it: an execution status other than done or
     * error, or an exit code other than the expected one (from the transition key; a probe may also find the
     * resource stopped, running or promoted).
     */
    public static boolean isFailed(LrmRscOp op) {
        if (op.call() < 0 || op.status() == -1 || op.operation() == null) {
            return false; // pending
        }
        boolean judged = op.status() == 0 || op.status() == 4;
        boolean probe = op.operation().equals("monitor") && op.intervalMs() == 0;
        int rc = op.rc() == 190 ? 0 : op.rc() == 191 ? 8 : op.rc();
        return !judged || !(rc == op.expectedRc() || (probe && (rc == 7 || rc == 0 || rc == 8)));
    }

    public Role role(String rsc, String node) {
        return roles.getOrDefault(rsc, Map.of()).getOrDefault(node, Role.STOPPED);
    }

    /** Nodes where {@code rsc} is active (started, promoted or failed while active), in status order. */
    public List<String> activeNodes(String rsc) {
        return List.copyOf(roles.getOrDefault(rsc, Map.of()).keySet());
    }

    /** A stop failed there, so the resource stays blocked until someone cleans it up (or fences the node). */
    public boolean blocked(String rsc, String node) {
        return blocked.contains(rsc + "\0" + node);
    }

    public List<Failure> failures() {
        return List.copyOf(failures);
    }
}
