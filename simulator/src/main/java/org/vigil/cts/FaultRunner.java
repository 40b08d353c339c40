package org.vigil.cts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.vigil.cib.Cib;

/**
 * Injects one fault, watches the cluster while it plays out (safety on every look), waits for it to settle and
 * audits the result. Each fault's outcome is a {@link Result}: what was done, how long the cluster took to settle
 * (null: it did not within the limit) and the audit findings.
 */
final class FaultRunner {
    static final Duration POLL = Duration.ofMillis(150);
    static final Duration CONFIRM = Duration.ofMillis(500);

    record Result(String kind, String what, Double settleSeconds, List<String> findings, List<String> notes) {}

    private final CtsCluster cluster;
    private final CommitLedger ledger;
    private final SafetyWatch safety = new SafetyWatch();
    private final Duration settleTimeout;
    private final Set<String> reportedExits = new HashSet<>();
    private ResourceModel model;
    private Snapshot lastSettled;
    private int nextCommitId = 1;

    FaultRunner(CtsCluster cluster, CommitLedger ledger, Duration settleTimeout) {
        this.cluster = cluster;
        this.ledger = ledger;
        this.settleTimeout = settleTimeout;
    }

    /** Facts for the planner, from the machines' power states. */
    FaultPlanner.Facts facts(boolean cutsAvailable) {
        int running = 0;
        boolean down = false;
        for (Machine m : cluster.machines) {
            Machine.Power p = m.power(cluster.powerLog);
            if (p == Machine.Power.ON) {
                running++;
            } else if (p == Machine.Power.OFF) {
                down = true;
            }
        }
        return new FaultPlanner.Facts(cluster.machines.size(), running, down, cutsAvailable);
    }

    /** Waits for the cluster to settle after start-up (or any time): seconds taken, or null. */
    Result initialSettle(Instant since, Duration limit) {
        Tracker t = new Tracker("start-up", "all nodes booted, configuration loaded");
        t.awaitSettle(since, limit);
        return t.finish();
    }

    Result run(FaultPlanner.Step step) {
        safety.newFault();
        return switch (step.kind()) {
            case KILL_DC -> kill(step, true);
            case KILL_NODE -> kill(step, false);
            case HANG -> hang(step);
            case PARTITION_DC -> partition(step, true);
            case PARTITION_NODE -> partition(step, false);
            case RING_LOSS -> ringLoss(step);
            case AGENT_FAILURE -> agentFailure(step);
            case SIGTERM -> sigterm(step);
            case REJOIN -> rejoin(step);
            case COMMIT -> commit(step);
            case STANDBY -> standby(step);
        };
    }

    // ---- the faults

    private Result kill(FaultPlanner.Step step, boolean dc) {
        Machine victim = dc ? dc() : pick(step, nonDc());
        Tracker t = new Tracker(dc ? "kill-dc" : "kill-node", "kill -9 of vigild on " + victim.name
                + (dc ? " (the DC)" : ""));
        victim.markCrashed();
        t.act(() -> cluster.signal(victim, "KILL"));
        Instant t0 = Instant.now(); // the fault is in once kill(1) returned: the process is gone
        t.awaitSettle(t0, settleTimeout);
        t.fencedSince(t0);
        return t.finish();
    }

    private Result hang(FaultPlanner.Step step) {
        List<Machine> up = running();
        Machine victim = pick(step, up);
        long holdMs = (long) (1000 + step.duration() * 9000); // 1-10 s: below and above failure detection
        Tracker t = new Tracker("hang", "SIGSTOP of vigild on " + victim.name + (isDc(victim) ? " (the DC)" : "")
                + " for " + holdMs / 1000.0 + " s");
        victim.markHung(true);
        t.act(() -> cluster.signal(victim, "STOP"));
        Instant t0 = Instant.now(); // stopped once kill(1) returned
        t.hold(Duration.ofMillis(holdMs), () -> !victim.daemonAlive());
        if (victim.daemonAlive()) {
            t.act(() -> cluster.signal(victim, "CONT"));
        }
        victim.markHung(false);
        t.awaitSettle(t0, settleTimeout);
        t.fencedSince(t0);
        return t.finish();
    }

    private Result partition(FaultPlanner.Step step, boolean dc) {
        Machine victim = dc ? dc() : pick(step, nonDc());
        Tracker t = new Tracker(dc ? "partition-dc" : "partition-node", victim.name + (dc ? " (the DC)" : "")
                + " cut off from the others on both rings");
        t.act(() -> cluster.network().isolate(victim.name));
        Instant t0 = Instant.now(); // the drop rules go in atomically (one nft -f) before the command returns
        // with fencing on, the majority fences the cut-off node: the cluster settles while the cut is in place,
        // and not before the cut-off node is off (until then every node may still see the old membership)
        t.mustBeOff.add(victim.name);
        boolean settled = t.awaitSettle(t0, Duration.ofSeconds(Math.min(30, settleTimeout.toSeconds())), false);
        t.act(() -> cluster.network().heal());
        if (!settled) {
            t.mustBeOff.clear();
            t.finding(victim.name + " was cut off for 30 s and the cluster did not settle (fenced: "
                    + cluster.powerLog.fencedSince(t0) + ")");
        }
        t.awaitSettle(t0, settleTimeout);
        t.fencedSince(t0);
        return t.finish();
    }

    private Result ringLoss(FaultPlanner.Step step) {
        Machine victim = pick(step, running());
        int ring = step.variant() < 0.5 ? 0 : 1;
        long holdMs = (long) (3000 + step.duration() * 5000);
        Tracker t = new Tracker("ring-loss", "ring " + ring + " of " + victim.name + " cut for " + holdMs / 1000.0
                + " s (settle counted from the repair)");
        Instant t0 = Instant.now();
        t.act(() -> cluster.network().cutRing(victim.name, ring));
        t.hold(Duration.ofMillis(holdMs), () -> false);
        t.act(() -> cluster.network().heal());
        Instant healed = Instant.now();
        List<String> fenced = cluster.powerLog.fencedSince(t0);
        if (!fenced.isEmpty()) {
            t.finding("losing ring " + ring + " of " + victim.name + " cost a node although the other ring worked: "
                    + "fenced " + fenced);
        }
        t.awaitSettle(healed, settleTimeout);
        return t.finish();
    }

    private Result agentFailure(FaultPlanner.Step step) {
        Snapshot s = cluster.probe.take(false);
        List<String[]> running = new ArrayList<>();
        Set<String> singles = model == null ? Set.of() : model.singles().keySet();
        s.active().forEach((node, rs) -> rs.keySet().stream().filter(singles::contains).sorted()
                .forEach(id -> running.add(new String[] {node, id})));
        running.sort((a, b) -> (a[0] + a[1]).compareTo(b[0] + b[1]));
        if (running.isEmpty()) {
            Tracker t = new Tracker("agent-failure", "no Dummy resource running to fail");
            t.finding("no Dummy resource runs anywhere although the cluster settled");
            return t.finish();
        }
        String[] victim = running.get(step.pick(running.size()));
        Machine m = cluster.machine(victim[0]);
        Tracker t = new Tracker("agent-failure", "Dummy state file of " + victim[1] + " removed on " + victim[0]);
        Instant t0 = Instant.now();
        t.act(() -> {
            try {
                Files.deleteIfExists(m.rsctmp().resolve("Dummy-" + victim[1] + ".state"));
            } catch (IOException e) {
                throw new CtsException("cannot remove the state file: " + e.getMessage());
            }
        });
        t.awaitSettle(t0, settleTimeout);
        return t.finish();
    }

    private Result sigterm(FaultPlanner.Step step) {
        Machine victim = pick(step, running());
        Tracker t = new Tracker("sigterm", "SIGTERM to vigild on " + victim.name + (isDc(victim) ? " (the DC)" : ""));
        Instant t0 = Instant.now();
        victim.markStopping();
        t.act(() -> cluster.signal(victim, "TERM"));
        t.awaitSettle(t0, settleTimeout);
        if (cluster.powerLog.fencedSince(t0).contains(victim.name)) {
            t.finding(victim.name + " was fenced although it stopped cleanly (SIGTERM)");
        } else if (victim.exitCode() != null && !Machine.cleanExit(victim.exitCode())) {
            t.finding("vigild on " + victim.name + " exited " + victim.exitCode() + " after SIGTERM (expected 0 or 143)");
        }
        return t.finish();
    }

    private Result rejoin(FaultPlanner.Step step) {
        List<Machine> down = cluster.machines.stream()
                .filter(m -> m.power(cluster.powerLog) == Machine.Power.OFF).toList();
        Machine m = pick(step, down);
        Tracker t = new Tracker("rejoin", m.name + " booted again (empty /run, its CIB store kept)");
        Instant t0 = Instant.now();
        t.act(() -> cluster.boot(m));
        t.awaitSettle(t0, settleTimeout);
        return t.finish();
    }

    private Result commit(FaultPlanner.Step step) {
        Machine via = pick(step, running());
        List<String> ours = model == null ? List.of() : model.singles().keySet().stream()
                .filter(id -> id.startsWith("cts-")).sorted().toList();
        String object;
        CommitLedger.Promise promise;
        Optional<CommitLedger.Promise> ifRefused;
        String[] args;
        if (ours.isEmpty() || (ours.size() < 3 && step.variant() < 0.5)) {
            object = "cts-" + nextCommitId++;
            args = new String[] {"configure", "primitive", object, "ocf:heartbeat:Dummy", "params", "fake=1",
                "op", "monitor", "interval=5s"};
            promise = new CommitLedger.Present(object, "1");
            ifRefused = Optional.of(new CommitLedger.Absent(object));
        } else if (step.variant() < 0.8) {
            object = ours.get((int) (step.duration() * ours.size()));
            String value = Integer.toString(2 + (int) (step.duration() * 1000));
            args = new String[] {"resource", "param", object, "set", "fake", value};
            promise = new CommitLedger.Present(object, value);
            ifRefused = ledger.promise(object);
        } else {
            object = ours.get((int) (step.duration() * ours.size()));
            args = new String[] {"configure", "delete", object};
            promise = new CommitLedger.Absent(object);
            ifRefused = ledger.promise(object);
        }
        String command = "crm " + String.join(" ", args) + " (via " + via.name + ")";
        Tracker t = new Tracker("commit", command);
        Instant t0 = Instant.now();
        Operator.Outcome o = cluster.operator.crm(via, args);
        if (o.ok()) {
            ledger.acknowledged(object, promise, command);
        } else if (o.timedOut()) {
            ledger.unknown(object);
            t.note("crm timed out: outcome unknown");
        } else {
            ledger.refused(object, ifRefused, command);
            t.note("refused: " + o.summary());
        }
        t.awaitSettle(t0, settleTimeout);
        return t.finish();
    }

    private Result standby(FaultPlanner.Step step) {
        String inStandby = model == null ? null : model.standby().stream().sorted().findFirst().orElse(null);
        List<Machine> up = running();
        Machine via = pick(step, up);
        String node = inStandby != null ? inStandby : up.get((int) (step.duration() * up.size())).name;
        boolean on = inStandby == null;
        String[] args = {"node", on ? "standby" : "online", node};
        String command = "crm " + String.join(" ", args) + " (via " + via.name + ")";
        Tracker t = new Tracker(on ? "standby" : "online", command);
        Instant t0 = Instant.now();
        Operator.Outcome o = cluster.operator.crm(via, args);
        String object = "node " + node;
        if (o.ok()) {
            ledger.acknowledged(object, new CommitLedger.Standby(node, on), command);
        } else if (o.timedOut()) {
            ledger.unknown(object);
            t.note("crm timed out: outcome unknown");
        } else {
            ledger.refused(object, ledger.promise(object), command);
            t.note("refused: " + o.summary());
        }
        t.awaitSettle(t0, settleTimeout);
        return t.finish();
    }

    // ---- choosing targets

    private List<Machine> running() {
        return cluster.machines.stream().filter(m -> m.power(cluster.powerLog) == Machine.Power.ON).toList();
    }

    private Machine dc() {
        String dc = lastSettled == null ? null : lastSettled.agreedDc();
        if (dc == null || cluster.machine(dc).power(cluster.powerLog) != Machine.Power.ON) {
            Map<String, org.vigil.ipc.ClusterState> states = cluster.probe.states();
            dc = states.values().stream().map(org.vigil.ipc.ClusterState::dc).filter(d -> d != null).findFirst()
                    .orElse(running().get(0).name);
        }
        return cluster.machine(dc);
    }

    private boolean isDc(Machine m) {
        return lastSettled != null && m.name.equals(lastSettled.agreedDc());
    }

    private List<Machine> nonDc() {
        String dc = dc().name;
        List<Machine> others = running().stream().filter(m -> !m.name.equals(dc)).toList();
        return others.isEmpty() ? running() : others;
    }

    private static Machine pick(FaultPlanner.Step step, List<Machine> from) {
        return from.get(step.pick(from.size()));
    }

    // ---- watching one fault

    /** Bookkeeping of one fault: its findings, notes and settle time. */
    private final class Tracker {
        final String kind;
        final String what;
        final List<String> findings = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        /** Machines the fault must end with powered off (a cut-off node the majority has to fence). */
        final Set<String> mustBeOff = new HashSet<>();
        Double settle;
        boolean gaveUp;

        Tracker(String kind, String what) {
            this.kind = kind;
            this.what = what;
            cluster.shell.note("fault " + kind + ": " + what);
        }

        interface Action {
            void run() throws CtsException;
        }

        void act(Action a) {
            try {
                a.run();
            } catch (CtsException e) {
                findings.add("the suite could not inject the fault: " + e.getMessage());
            }
        }

        void finding(String f) {
            findings.add(f);
        }

        void note(String n) {
            notes.add(n);
        }

        void fencedSince(Instant t0) {
            List<String> fenced = cluster.powerLog.fencedSince(t0);
            if (!fenced.isEmpty()) {
                notes.add("fenced " + String.join(", ", fenced));
            }
        }

        /** Watches for {@code d} (or until {@code stop}), checking safety on every look. */
        void hold(Duration d, BooleanSupplier stop) {
            Instant end = Instant.now().plus(d);
            while (Instant.now().isBefore(end) && !stop.getAsBoolean()) {
                look(false);
                sleep(POLL);
            }
        }

        boolean awaitSettle(Instant since, Duration limit) {
            return awaitSettle(since, limit, true);
        }

        /**
         * Polls until the cluster is settled on two full looks {@link #CONFIRM} apart, right after a passing
         * look; the settle time is from {@code since} to the end of that first passing look. When
         * {@code last}, not settling in time is a finding.
         */
        boolean awaitSettle(Instant since, Duration limit, boolean last) {
            return awaitSettle(since, limit, last, s -> {
                List<String> p = new ArrayList<>();
                mustBeOff.stream().sorted().filter(n -> s.power().get(n) != Machine.Power.OFF)
                        .forEach(n -> p.add(n + " is cut off but was not fenced"));
                p.addAll(SettleCheck.problems(s, cluster.names, model));
                return p;
            });
        }

        private boolean awaitSettle(Instant since, Duration limit, boolean last,
                java.util.function.Function<Snapshot, List<String>> check) {
            Instant deadline = Instant.now().plus(limit);
            List<String> problems = List.of("not looked yet");
            int round = 0;
            while (Instant.now().isBefore(deadline)) {
                // CIBs are fetched every few looks even when something else is amiss: the cached model of what
                // should run must follow the configuration (a commit, a standby), or a stale one would never settle
                boolean cibs = ++round % 4 == 0;
                Snapshot quick = look(cibs);
                problems = check.apply(quick);
                if (problems.isEmpty()) {
                    Snapshot full = look(true);
                    problems = check.apply(full);
                    if (problems.isEmpty()) {
                        sleep(CONFIRM);
                        Snapshot again = look(true);
                        problems = check.apply(again);
                        if (problems.isEmpty()) {
                            // settled at the latest when the first passing look ended (the looks after it
                            // confirm, CIB agreement included): a look takes 0.2-0.7 s, so counting to the
                            // end of the confirming one added its length to every settle time
                            settle = Duration.between(since, quick.at()).toMillis() / 1000.0;
                            lastSettled = again;
                            auditCommits(again);
                            return true;
                        }
                    }
                }
                sleep(POLL);
            }
            if (last) {
                gaveUp = true;
                findings.add("did not settle within " + limit.toSeconds() + " s: " + SettleCheck.describe(problems));
            }
            return false;
        }

        /** One look: safety on every one, and whether a vigild went away that nobody took down. */
        Snapshot look(boolean withCib) {
            Snapshot s = cluster.probe.take(withCib);
            Cib ref = s.referenceCib();
            if (ref != null && s.agreedDc() != null) {
                model = ResourceModel.of(ref.configuration());
            }
            safety.check(s, model);
            safety.drain().forEach(v -> findings.add("SAFETY: " + v));
            for (Machine m : cluster.machines) {
                String key = m.name + "@" + m.bootedAt();
                if (m.exitedOnItsOwn(cluster.powerLog) && reportedExits.add(key)) {
                    findings.add("vigild on " + m.name + " exited on its own (exit " + m.exitCode() + "); log: "
                            + String.join(" | ", m.logTail(3)));
                }
            }
            return s;
        }

        /** Every acknowledged commit in every running node's configuration. */
        void auditCommits(Snapshot s) {
            s.probes().forEach((node, p) -> {
                if (p.cib() != null) {
                    ledger.broken(p.cib().configuration()).forEach(b -> findings.add("commit lost on " + node + ": " + b));
                }
            });
        }

        Result finish() {
            return new Result(kind, what, gaveUp ? null : settle, List.copyOf(findings), List.copyOf(notes));
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    /** After a fault that did not settle: undo what the suite can, so the next faults test something. */
    List<String> recover() {
        List<String> done = new ArrayList<>();
        try {
            cluster.network().heal();
        } catch (CtsException e) {
            done.add("could not heal the network: " + e.getMessage());
        }
        for (Machine m : cluster.machines) {
            Machine.Power p = m.power(cluster.powerLog);
            if (p == Machine.Power.HUNG) {
                try {
                    cluster.signal(m, "CONT");
                } catch (CtsException e) {
                    done.add(e.getMessage());
                }
                m.markHung(false);
                done.add("resumed " + m.name);
            } else if (p == Machine.Power.CRASHED) {
                cluster.powerOff(m);
                done.add("powered " + m.name + " off (the cluster had not fenced it)");
            }
        }
        return done;
    }

    ResourceModel model() {
        return model;
    }

    /** For messages: where the machines' logs are. */
    Path logOf(String node) {
        return cluster.machine(node).log();
    }
}
