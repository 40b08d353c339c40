package org.vigil.fencing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.vigil.agents.ExecStatus;
import org.vigil.agents.fence.FenceAction;
import org.vigil.agents.fence.FenceRequest;
import org.vigil.agents.fence.FenceResult;
import org.vigil.world.Clock;
import org.vigil.world.RandomSource;

/**
 * Carries out one fencing request against one configuration: the target's topology levels in index
 * order (every device of a level must succeed, in order), or without topology each device able to
 * fence the target in Pacemaker's order until one succeeds. Runs on the daemon's event thread.
 */
final class FenceOperation {
    /** The result: confirmed or not, the devices involved, and why it failed. */
    record Outcome(boolean confirmed, List<String> devices, String reason) {
        Outcome {
            devices = List.copyOf(devices);
        }
    }

    private final String target;
    private final FenceAction action;
    private final FencingConfig config;
    private final AgentCalls agents;
    private final Clock clock;
    private final RandomSource random;
    private final List<String> tried = new ArrayList<>();
    private final Set<String> delayed = new HashSet<>();

    FenceOperation(String target, FenceAction action, FencingConfig config, AgentCalls agents, Clock clock, RandomSource random) {
        this.target = target;
        this.action = action;
        this.config = config;
        this.agents = agents;
        this.clock = clock;
        this.random = random;
    }

    CompletableFuture<Outcome> run() {
        List<FencingLevel> levels = config.levelsFor(target);
        CompletableFuture<Outcome> outcome = levels.isEmpty() ? anyDevice(config.devicesInOrder(), 0, new ArrayList<>())
                : levels(levels, 0, new ArrayList<>());
        return outcome.exceptionally(e -> fail("internal error while fencing " + target + ": " + e));
    }

    private CompletableFuture<Outcome> levels(List<FencingLevel> levels, int i, List<String> failures) {
        if (i == levels.size()) {
            return done(fail("all fencing levels failed: " + String.join("; ", failures)));
        }
        FencingLevel level = levels.get(i);
        List<FenceDevice> devices = new ArrayList<>();
        for (String id : level.devices()) {
            Optional<FenceDevice> d = config.device(id);
            if (d.isEmpty()) {
                failures.add("level " + level.index() + ": device " + id + " is not configured or is disabled" + problemsOf(id));
                return levels(levels, i + 1, failures);
            }
            devices.add(d.get());
        }
        return level(devices).thenCompose(why -> {
            if (why.isEmpty()) {
                return done(new Outcome(true, level.devices(), ""));
            }
            failures.add("level " + level.index() + ": " + why.get());
            return levels(levels, i + 1, failures);
        });
    }

    private CompletableFuture<Outcome> anyDevice(List<FenceDevice> devices, int i, List<String> failures) {
        if (devices.isEmpty()) {
            String problems = config.problems().isEmpty() ? "" : " (" + String.join("; ", config.problems()) + ")";
            return done(fail("no fence device is configured" + problems));
        }
        if (i == devices.size()) {
            String what = tried.isEmpty() ? "no fence device can fence " + target : "fencing " + target + " failed";
            return done(fail(what + ": " + String.join("; ", failures)));
        }
        FenceDevice device = devices.get(i);
        return whyCannotFence(device).thenCompose(cannot -> {
            if (cannot.isPresent()) {
                failures.add(cannot.get());
                return anyDevice(devices, i + 1, failures);
            }
            return checkedLevel(List.of(device)).thenCompose(why -> {
                if (why.isEmpty()) {
                    return done(new Outcome(true, List.of(device.id()), ""));
                }
                failures.add(why.get());
                return anyDevice(devices, i + 1, failures);
            });
        });
    }

    /** Runs the devices of one level; empty when all succeeded, else why not. */
    private CompletableFuture<Optional<String>> level(List<FenceDevice> devices) {
        return checkAll(devices, 0).thenCompose(cannot -> cannot.isPresent() ? done(cannot) : checkedLevel(devices));
    }

    /** {@link #level} for devices known to be able to fence the target. */
    private CompletableFuture<Optional<String>> checkedLevel(List<FenceDevice> devices) {
        return agents.capabilities(devices.get(0), config.defaultTimeout()).thenCompose(caps -> {
            boolean agentLacksReboot = devices.size() == 1 && !caps.reboot()
                    && devices.get(0).agentAction(FenceAction.REBOOT) == FenceAction.REBOOT;
            if (action == FenceAction.REBOOT && (devices.size() > 1 || agentLacksReboot)) {
                // rebooting one power feed after the other never cuts the node's power: all off, then all on
                return inTurn(devices, 0, FenceAction.OFF).thenCompose(why -> {
                    if (why.isPresent()) {
                        return done(why);
                    }
                    // the node is off, which is what recovery needs; powering it back on is best effort
                    return inTurn(devices, 0, FenceAction.ON).thenApply(ignored -> Optional.<String>empty());
                });
            }
            return inTurn(devices, 0, action);
        });
    }

    private CompletableFuture<Optional<String>> checkAll(List<FenceDevice> devices, int i) {
        if (i == devices.size()) {
            return done(Optional.empty());
        }
        return whyCannotFence(devices.get(i)).thenCompose(cannot -> cannot.isPresent() ? done(cannot) : checkAll(devices, i + 1));
    }

    private CompletableFuture<Optional<String>> inTurn(List<FenceDevice> devices, int i, FenceAction requested) {
        if (i == devices.size()) {
            return done(Optional.empty());
        }
        return execute(devices.get(i), requested).thenCompose(why -> why.isPresent() ? done(why) : inTurn(devices, i + 1, requested));
    }

    /** Empty when the device can fence the target ({@code pcmk_host_check}), else why not. */
    CompletableFuture<Optional<String>> whyCannotFence(FenceDevice device) {
        Optional<HostCheck> configured = device.hostCheck();
        CompletableFuture<HostCheck> check = configured.isPresent() ? done(configured.get())
                : agents.capabilities(device, config.defaultTimeout())
                        .thenApply(c -> c.list() ? HostCheck.DYNAMIC_LIST : c.status() ? HostCheck.STATUS : HostCheck.NONE);
        String plug = device.plugFor(target);
        return check.thenCompose(c -> {
            switch (c) {
                case NONE:
                    return done(Optional.empty());
                case STATIC_LIST:
                    return done(device.listsStatically(target) ? Optional.empty()
                            : Optional.of(device.id() + " cannot fence " + target + ": not in pcmk_host_list/pcmk_host_map"));
                case DYNAMIC_LIST: {
                    FenceRequest list = new FenceRequest(device.agent(), device.agentAction(FenceAction.LIST), Optional.empty(), device.params(),
                            device.timeout(FenceAction.LIST, config.defaultTimeout()));
                    return agents.list(list, plug, clock.now()).thenApply(r -> {
                        if (!r.succeeded()) {
                            return Optional.of(device.id() + " cannot fence " + target + ": its list action failed: " + describe(r));
                        }
                        return listed(r.output(), plug) ? Optional.empty()
                                : Optional.of(device.id() + " cannot fence " + target + ": '" + plug + "' is not in the list the agent reports");
                    });
                }
                case STATUS: {
                    FenceRequest status = new FenceRequest(device.agent(), device.agentAction(FenceAction.STATUS), Optional.of(plug), device.params(),
                            device.timeout(FenceAction.STATUS, config.defaultTimeout()));
                    return agents.run(status).thenApply(r -> r.execStatus() == ExecStatus.DONE && (r.exitCode() == 0 || r.exitCode() == 2)
                            ? Optional.<String>empty()
                            : Optional.of(device.id() + " cannot fence " + target + ": its status action does not know '" + plug + "': " + describe(r)));
                }
                default:
                    throw new IllegalStateException("host check " + c);
            }
        });
    }

    /** fence-agents print one {@code plug[,alias]} per line. */
    static boolean listed(String output, String plug) {
        for (String line : output.split("\n")) {
            for (String field : line.split(",")) {
                if (field.trim().equalsIgnoreCase(plug)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** One requested action on one device: its delay once, then attempts within the action's timeout. */
    private CompletableFuture<Optional<String>> execute(FenceDevice device, FenceAction requested) {
        tried.add(device.id());
        Duration delay = requested == FenceAction.ON || !delayed.add(device.id()) ? Duration.ZERO : delay(device);
        CompletableFuture<Void> waited = delay.isZero() ? done(null) : agents.sleep(delay);
        return waited.thenCompose(v -> {
            Instant deadline = clock.now().plus(device.timeout(requested, config.defaultTimeout()));
            return attempt(device, requested, 1, deadline);
        });
    }

    private CompletableFuture<Optional<String>> attempt(FenceDevice device, FenceAction requested, int n, Instant deadline) {
        Duration left = Duration.between(clock.now(), deadline);
        FenceAction agentAction = device.agentAction(requested);
        FenceRequest request = new FenceRequest(device.agent(), agentAction, Optional.of(device.plugFor(target)), device.params(), left);
        return agents.run(request).thenCompose(r -> {
            if (r.succeeded()) {
                return done(Optional.empty());
            }
            boolean timeLeft = clock.now().isBefore(deadline);
            if (n < device.attempts(requested) && timeLeft && r.execStatus() != ExecStatus.CANCELLED) {
                return attempt(device, requested, n + 1, deadline);
            }
            return done(Optional.of(device.id() + " " + agentAction.agentName() + " of " + target + " failed"
                    + (n > 1 ? " (" + n + " attempts)" : "") + ": " + describe(r)));
        });
    }

    /** {@code pcmk_delay_base} plus a random part so that the sum stays within {@code pcmk_delay_max}. */
    private Duration delay(FenceDevice device) {
        long base = device.delayBase().toMillis();
        long spread = device.delayMax().toMillis() - base;
        long extra = spread > 0 ? random.nextInt((int) Math.min(Integer.MAX_VALUE - 1L, spread) + 1) : 0;
        return Duration.ofMillis(base + extra);
    }

    private static String describe(FenceResult r) {
        if (!r.reason().isBlank()) {
            return r.reason().strip();
        }
        String kind = r.execStatus() == ExecStatus.DONE ? "exit " + r.exitCode() : r.execStatus().name().toLowerCase(Locale.ROOT);
        return kind + (r.output().isBlank() ? "" : ": " + lastLine(r.output()));
    }

    private static String lastLine(String s) {
        String t = s.strip();
        int nl = t.lastIndexOf('\n');
        return nl < 0 ? t : t.substring(nl + 1);
    }

    private String problemsOf(String deviceId) {
        return config.problems().stream().filter(p -> p.contains(" " + deviceId + " ")).findFirst().map(p -> " (" + p + ")").orElse("");
    }

    private Outcome fail(String reason) {
        return new Outcome(false, tried.stream().distinct().toList(), reason);
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
