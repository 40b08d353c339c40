package org.vigil.cli.status;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.cib.Cib;
import org.vigil.cib.LrmResource;
import org.vigil.cib.LrmRscOp;
import org.vigil.cib.NodeState;

/**
 * Where each resource runs, read from the CIB status' operation history: on each node the operations are
 * replayed in call order; the last successful start/promote/migrate_from without a later stop means it runs
 * there (a probe or monitor result says the same). Failed operations are collected for display.
 */
public final class OperationHistory {
    /** The state of one resource on one node. */
    public enum Role { STOPPED, STARTED, PROMOTED, FAILED }

    /** A failed operation: which resource, on which node, the recorded op. */
    public record Failure(String resource, String node, LrmRscOp op) {}

    private final Map<String, Map<String, Role>> roles = new LinkedHashMap<>();
    private final List<Failure> failures = new ArrayList<>();
    /** rsc + NUL + node where the failure that left it FAILED was a stop: nothing will recover it by itself. */
    private final java.util.Set<String> blocked = new java.util.HashSet<>();

    private OperationHistory() {}

    public static OperationHistory of(Cib cib) {
        OperationHistory h = new OperationHistory();
        for (NodeState ns : cib.status().nodeStates()) {
            if (ns.lrm() == null) {
                continue;
            }
            String node = ns.uname() != null ? ns.uname() : ns.id();
            for (LrmResource r : ns.lrm().resources()) {
                h.replay(baseId(r.id()), node, r.ops());
            }
        }
        return h;
    }

    /** Anonymous clone instances are recorded as {@code rsc:N}; they are the same resource. */
    static String baseId(String id) {
        int colon = id == null ? -1 : id.indexOf(':');
        return colon > 0 ? id.substring(0, colon) : id;
    }

    private void replay(String rsc, String node, List<LrmRscOp> ops) {
        List<LrmRscOp> sorted = new ArrayList<>(ops);
        sorted.sort(Comparator.comparingInt(LrmRscOp::call));
        Role role = Role.STOPPED;
        boolean stopFailed = false;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (LrmRscOp op : sorted) {
            if (op.call() < 0 || op.status() == -1 || op.operation() == null) {
                continue; // pending
            }
            if (op.operation().equals("monitor") && op.intervalMs() == 0 && op.rc() == 7) {
                role = Role.STOPPED; // a probe that found it not running, whatever the execution status says
                continue;
            }
            boolean failed = failed(op);
            if (failed) {
                String key = op.operation() + "/" + op.interval() + "/" + op.call();
                if (seen.add(key)) {
                    failures.add(new Failure(rsc, node, op));
                }
                boolean probe = op.operation().equals("monitor") && op.intervalMs() == 0;
                if (probe && op.status() == 0 && op.rc() == 5) {
                    role = Role.STOPPED; // "not installed" found by a probe: it cannot be running there
                } else if (!op.operation().equals("notify")) {
                    role = Role.FAILED;
                    stopFailed = op.operation().equals("stop");
                }
                continue;
            }
            stopFailed = false;
            role = switch (op.operation()) {
                case "start", "migrate_from" -> Role.STARTED;
                case "promote" -> Role.PROMOTED;
                case "demote" -> Role.STARTED;
                case "stop" -> Role.STOPPED;
                case "monitor" -> op.rc() == 8 ? Role.PROMOTED : op.rc() == 7 ? Role.STOPPED
                        : role == Role.PROMOTED && op.intervalMs() > 0 ? Role.STARTED : Role.STARTED;
                default -> role;
            };
        }
        if (role == Role.FAILED && stopFailed) {
            blocked.add(rsc + "\0" + node);
        }
        // several histories of one resource on a node (anonymous clone instances rsc:0, rsc:1): the most
        // significant state wins
        roles.computeIfAbsent(rsc, k -> new LinkedHashMap<>()).merge(node, role,
                (a, b) -> a.ordinal() >= b.ordinal() ? a : b);
    }

    /** Whether the recorded result differs from what was expected (from the transition key, else defaults). */
    public static boolean isFailed(LrmRscOp op) {
        return op.call() >= 0 && op.status() != -1 && op.operation() != null && failed(op);
    }

    static boolean failed(LrmRscOp op) {
        if (op.status() != 0) {
            return true;
        }
        int rc = op.rc();
        Integer expected = expectedRc(op.transitionKey());
        if (expected != null) {
            return rc != expected && !(op.operation().equals("monitor") && op.intervalMs() == 0
                    && (rc == 0 || rc == 7 || rc == 8));
        }
        if (op.operation().equals("monitor")) {
            return op.intervalMs() == 0 ? !(rc == 0 || rc == 7 || rc == 8) : !(rc == 0 || rc == 8);
        }
        return rc != 0;
    }

    /** Pacemaker's transition key is {@code action:transition:expected-rc:uuid}. */
    static Integer expectedRc(String key) {
        if (key == null) {
            return null;
        }
        String[] parts = key.split(":");
        if (parts.length < 4) {
            return null;
        }
        try {
            return Integer.parseInt(parts[2]);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public Role role(String rsc, String node) {
        return roles.getOrDefault(rsc, Map.of()).getOrDefault(node, Role.STOPPED);
    }

    /** Nodes where {@code rsc} is active (started, promoted or failed while active), in status order. */
    public List<String> activeNodes(String rsc) {
        List<String> out = new ArrayList<>();
        roles.getOrDefault(rsc, Map.of()).forEach((node, role) -> {
            if (role != Role.STOPPED) {
                out.add(node);
            }
        });
        return out;
    }

    /** A stop failed there, so the resource stays blocked until someone cleans it up (or fences the node). */
    public boolean blocked(String rsc, String node) {
        return blocked.contains(rsc + "\0" + node);
    }

    public List<Failure> failures() {
        return List.copyOf(failures);
    }
}
