package org.vigil.fencing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.vigil.agents.fence.FenceAction;
import org.vigil.cib.Cib;
import org.vigil.controller.Controller;
import org.vigil.world.Clock;
import org.vigil.world.RandomSource;
import org.vigil.world.Timers;

/**
 * The fencer of the DC. The controller asks it to fence a node and recovers the node's resources
 * only after {@code done(true)}; an operator asks through {@link #fenceManually}. Unlike Pacemaker,
 * where any node that can reach a device may run it, Vigil's DC runs every fence agent itself. A node
 * never fences itself: that request fails here, and the node program asks a peer to fence the DC.
 *
 * <p>State lives on the event thread given as {@code events}: requests from any thread are posted
 * there, agent results are moved there, and every callback and future completes there.
 */
public final class FencingDaemon implements Controller.Fencer {
    /** Entries kept in {@link #history()}. */
    public static final int HISTORY_LIMIT = 500;
    /** The pause after a node's first failed fencing; it doubles with every further failure. */
    static final Duration BACK_OFF = Duration.ofSeconds(1);
    static final Duration MAX_BACK_OFF = Duration.ofSeconds(60);
    /** {@link FenceEvent#client()} of the controller's requests. */
    public static final String CONTROLLER = "controller";
    /** {@link FenceEvent#client()} of {@link #fenceManually} requests. */
    public static final String OPERATOR = "crm";

    private final String localNode;
    private final Supplier<Cib> cib;
    private final Clock clock;
    private final Executor events;
    private final RandomSource random;
    private final AgentCalls agents;
    private final Map<String, CompletableFuture<FenceEvent>> running = new HashMap<>();
    private final Map<String, Failures> failures = new HashMap<>();
    private final List<FenceEvent> entries = new ArrayList<>();
    private volatile List<FenceEvent> history = List.of();
    private long nextId = 1;

    /**
     * @param localNode this node's name (the DC)
     * @param cib       the current CIB; read once at the start of each fencing operation
     * @param runner    runs single fence-agent actions off the event thread
     * @param timers    delays ({@code pcmk_delay_*}) and the guard against agents that never answer
     * @param events    the daemon's event thread: all state changes and all callbacks happen there
     * @param random    the random part of {@code pcmk_delay_max}
     */
    public FencingDaemon(String localNode, Supplier<Cib> cib, FenceAgentRunner runner, Clock clock, Timers timers,
            Executor events, RandomSource random) {
        this.localNode = Objects.requireNonNull(localNode, "localNode");
        this.cib = Objects.requireNonNull(cib, "cib");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = Objects.requireNonNull(events, "events");
        this.random = Objects.requireNonNull(random, "random");
        this.agents = new AgentCalls(Objects.requireNonNull(runner, "runner"), Objects.requireNonNull(timers, "timers"), events);
    }

    /** The controller's request; {@code done} runs on the event thread, true once the node is confirmed fenced. */
    @Override
    public void fence(String node, String action, Consumer<Boolean> done) {
        events.execute(() -> request(node, action, localNode, CONTROLLER).thenAccept(e -> done.accept(e.succeeded())));
    }

    /**
     * An operator's request ({@code crm node fence NODE}); completes on the event thread with the
     * finished history entry (check {@link FenceEvent#succeeded()}). A request for a node already being
     * fenced joins that operation.
     *
     * @param action reboot, off or on
     * @param origin the node the operator's command came from
     */
    public CompletableFuture<FenceEvent> fenceManually(String node, String action, String origin) {
        CompletableFuture<FenceEvent> out = new CompletableFuture<>();
        events.execute(() -> request(node, action, origin, OPERATOR).whenComplete((e, t) -> {
            if (t != null) {
                out.completeExceptionally(t);
            } else {
                out.complete(e);
            }
        }));
        return out;
    }

    /**
     * Asks every configured device's agent for its meta-data now (once per agent), so the first fencing does
     * not wait for it: a DC that has to fence a lost node would otherwise start an agent only to learn what
     * the agent can do, before the one that powers the node off. Call at start and when the configuration
     * changes; agents already known are not asked again, and a configuration that cannot be read is left to
     * the fencing that needs it to report.
     */
    public void learnDevices() {
        events.execute(() -> {
            FencingConfig config;
            try {
                config = FencingConfig.from(cib.get());
            } catch (RuntimeException e) {
                return;
            }
            for (FenceDevice d : config.devicesInOrder()) {
                agents.capabilities(d, config.defaultTimeout());
            }
        });
    }

    /** Fencing operations, oldest first, at most {@link #HISTORY_LIMIT}; pending ones included. Any thread. */
    public List<FenceEvent> history() {
        return history;
    }

    /** What in the current CIB's fencing configuration is ignored, and why (for {@code crm} and logs). */
    public List<String> configurationProblems() {
        return FencingConfig.from(cib.get()).problems();
    }

    private CompletableFuture<FenceEvent> request(String node, String actionName, String origin, String client) {
        CompletableFuture<FenceEvent> same = running.get(node);
        if (same != null) {
            // one power cycle per node: a second request waits for the one under way
            return same;
        }
        FenceEvent pending = new FenceEvent(nextId++, node, actionName, FenceState.PENDING, List.of(), origin, client, localNode,
                clock.now(), Optional.empty(), "");
        record(pending);
        Duration wait = backOff(node);
        CompletableFuture<Void> waited = wait.isZero() ? CompletableFuture.completedFuture(null) : agents.sleep(wait);
        CompletableFuture<FenceEvent> result = waited.thenCompose(v -> operation(node, actionName))
                .thenApply(outcome -> {
                    running.remove(node);
                    if (outcome.confirmed()) {
                        failures.remove(node);
                    } else {
                        failures.merge(node, new Failures(1, clock.now()), (a, b) -> new Failures(a.count() + 1, b.lastAt()));
                    }
                    return finish(pending, outcome);
                });
        if (!result.isDone()) {
            running.put(node, result);
        }
        return result;
    }

    /**
     * The controller asks again as soon as fencing failed. Some failures are immediate (no device, the
     * DC itself), so without a pause the two would spin; and a device that just failed should not be
     * hammered. Consecutive failures for a node therefore space the next attempt out: 1 s, 2 s, 4 s ...
     * up to {@link #MAX_BACK_OFF} after the last failure.
     */
    private Duration backOff(String node) {
        Failures f = failures.get(node);
        if (f == null) {
            return Duration.ZERO;
        }
        Duration pause = f.count() > 7 ? MAX_BACK_OFF : BACK_OFF.multipliedBy(1L << (f.count() - 1));
        pause = pause.compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : pause;
        Duration left = Duration.between(clock.now(), f.lastAt().plus(pause));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private CompletableFuture<FenceOperation.Outcome> operation(String node, String actionName) {
        Optional<FenceAction> action = requestedAction(actionName);
        if (action.isEmpty()) {
            return failed("unknown fencing action '" + actionName + "': expected reboot, off or on");
        }
        if (node.equalsIgnoreCase(localNode)) {
            return failed(localNode + " runs the fence agents and cannot fence itself; the next DC will fence it");
        }
        FencingConfig config;
        try {
            config = FencingConfig.from(cib.get());
        } catch (RuntimeException e) {
            return failed("cannot read the fencing configuration: " + e.getMessage());
        }
        return new FenceOperation(node, action.get(), config, agents, clock, random).run();
    }

    private static CompletableFuture<FenceOperation.Outcome> failed(String reason) {
        return CompletableFuture.completedFuture(new FenceOperation.Outcome(false, List.of(), reason));
    }

    private record Failures(int count, Instant lastAt) {}

    private static Optional<FenceAction> requestedAction(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "reboot":
                return Optional.of(FenceAction.REBOOT);
            case "off":
            case "poweroff":
                return Optional.of(FenceAction.OFF);
            case "on":
                return Optional.of(FenceAction.ON);
            default:
                return Optional.empty();
        }
    }

    private FenceEvent finish(FenceEvent pending, FenceOperation.Outcome outcome) {
        FenceEvent done = pending.completed(outcome.confirmed(), outcome.devices(), clock.now(), outcome.reason());
        record(done);
        return done;
    }

    /** Adds an entry or replaces the one with the same id; publishes a snapshot for readers on other threads. */
    private void record(FenceEvent event) {
        int at = -1;
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).id() == event.id()) {
                at = i;
                break;
            }
        }
        if (at >= 0) {
            entries.set(at, event);
        } else {
            entries.add(event);
            if (entries.size() > HISTORY_LIMIT) {
                entries.remove(0);
            }
        }
        history = List.copyOf(entries);
    }
}
