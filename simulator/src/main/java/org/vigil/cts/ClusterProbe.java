package org.vigil.cts;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import org.vigil.ipc.ClusterState;
import org.vigil.ipc.IpcClient;
import org.vigil.ipc.ServiceException;

/** Takes {@link Snapshot}s: asks every running daemon over its socket, reads every machine's agent state files. */
final class ClusterProbe {
    private final List<Machine> machines;
    private final PowerLog powerLog;
    private final Duration timeout;

    ClusterProbe(List<Machine> machines, PowerLog powerLog, Duration timeout) {
        this.machines = List.copyOf(machines);
        this.powerLog = powerLog;
        this.timeout = timeout;
    }

    /** A snapshot; CIBs are fetched only when {@code withCib} (they are the expensive part). */
    Snapshot take(boolean withCib) {
        Map<String, Machine.Power> power = new HashMap<>();
        Map<String, Snapshot.Probe> probes = new HashMap<>();
        Map<String, Map<String, String>> active = new HashMap<>();
        Set<String> withoutQuorum = new HashSet<>();
        for (Machine m : machines) {
            Machine.Power p = m.power(powerLog);
            power.put(m.name, p);
            Snapshot.Probe probe = p == Machine.Power.ON ? ask(m, withCib) : null;
            active.put(m.name, AgentStates.read(m));
            if (probe != null) {
                probes.put(m.name, probe);
                // asked again after the files were read: a node counts as without quorum only when it was
                // throughout, so a start right after it regained quorum is not taken for a violation
                if (probe.state() != null && !probe.state().quorate()) {
                    Snapshot.Probe again = ask(m, false);
                    if (again.state() != null && !again.state().quorate()) {
                        withoutQuorum.add(m.name);
                    }
                }
            }
        }
        return new Snapshot(Instant.now(), power, probes, active, withoutQuorum);
    }

    /** Only the daemons' states (membership, quorum, DC), for checks that must be quick. */
    Map<String, ClusterState> states() {
        Map<String, ClusterState> out = new HashMap<>();
        for (Machine m : machines) {
            if (m.power(powerLog) == Machine.Power.ON) {
                Snapshot.Probe p = ask(m, false);
                if (p.state() != null) {
                    out.put(m.name, p.state());
                }
            }
        }
        return out;
    }

    private Snapshot.Probe ask(Machine m, boolean withCib) {
        IpcClient c = new IpcClient(m.socket(), timeout, timeout);
        try {
            ClusterState s = c.state();
            return new Snapshot.Probe(s, withCib ? c.cib() : null, null);
        } catch (ServiceException e) {
            return Snapshot.Probe.failed(e.getMessage());
        } catch (RuntimeException e) {
            return Snapshot.Probe.failed("unreadable answer: " + e);
        }
    }
}
