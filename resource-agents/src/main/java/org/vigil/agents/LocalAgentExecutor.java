package org.vigil.agents;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.vigil.agents.fence.FenceAction;
import org.vigil.agents.fence.FenceExecutor;
import org.vigil.agents.fence.FenceRequest;
import org.vigil.agents.fence.FenceResult;
import org.vigil.agents.fence.FenceScriptRunner;
import org.vigil.agents.ocf.OcfScriptRunner;
import org.vigil.agents.process.ProcessRunner;

/**
 * The production {@link AgentExecutor}: runs each action on a worker thread (scripts as child
 * processes, native agents in-process) and guarantees one callback per action. A watchdog reports
 * a timeout if an agent overruns its timeout plus a grace period, whatever the agent does, and
 * interrupts the worker so child processes are killed.
 */
public final class LocalAgentExecutor implements AgentExecutor, FenceExecutor, AutoCloseable {
    /** Time an agent gets past its timeout to kill its children before the watchdog reports. */
    static final Duration WATCHDOG_GRACE = Duration.ofSeconds(3);

    private final AgentRegistry registry;
    private final HostEnvironment host;
    private final ExecutorService workers;
    private final ScheduledExecutorService watchdog;
    private final NativeAgentInvoker nativeInvoker;
    private final OcfScriptRunner scriptRunner;
    private final FenceScriptRunner fenceRunner;
    /** Actions not yet reported, cancelled on close so every callback still fires exactly once. */
    private final Set<PendingAction<?>> pending = ConcurrentHashMap.newKeySet();
    /** Fence devices started (registered) on this node; forgotten with the executor, as the fencer's are. */
    private final Set<String> startedDevices = ConcurrentHashMap.newKeySet();
    /** Each agent's meta-data, read once (absent: could not be read). */
    private final java.util.Map<AgentId, Optional<AgentMetadata>> metadata = new ConcurrentHashMap<>();

    public LocalAgentExecutor(AgentRegistry registry, HostEnvironment host) {
        this.registry = registry;
        this.host = host;
        this.workers = Executors.newCachedThreadPool(daemonThreads("agent-worker"));
        this.watchdog = Executors.newSingleThreadScheduledExecutor(daemonThreads("agent-watchdog"));
        ProcessRunner runner = new ProcessRunner();
        this.nativeInvoker = new NativeAgentInvoker(runner);
        this.scriptRunner = new OcfScriptRunner(runner);
        this.fenceRunner = new FenceScriptRunner(runner);
    }

    @Override
    public ActionHandle execute(AgentAction action, Consumer<AgentResult> onDone) {
        return submit(action.timeout(), () -> runAction(action), onDone, AgentResult::cancelled,
                e -> AgentResult.execError(OcfStatus.ERR_GENERIC, action.agent() + " " + action.action().ocfName() + " failed: " + e),
                () -> AgentResult.timedOut(action.agent() + " " + action.action().ocfName() + " of "
                        + action.resourceInstance() + " timed out after " + OcfDurations.format(action.timeout()), ""));
    }

    /** Runs a fencing operation asynchronously, with the same once-only callback guarantee. */
    @Override
    public ActionHandle fence(FenceRequest request, Consumer<FenceResult> onDone) {
        return submit(request.timeout(), () -> runFence(request), onDone,
                () -> new FenceResult(ExecStatus.CANCELLED, 1, org.vigil.agents.fence.PowerState.UNKNOWN, "", "cancelled"),
                e -> FenceResult.error(request.agent() + " " + request.action().agentName() + " failed: " + e),
                () -> new FenceResult(ExecStatus.TIMED_OUT, 1, org.vigil.agents.fence.PowerState.UNKNOWN, "",
                        request.agent() + " " + request.action().agentName() + " timed out"));
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws InterruptedException;
    }

    private <T> ActionHandle submit(Duration timeout, Work<T> work, Consumer<T> onDone,
            Supplier<T> cancelled, Function<RuntimeException, T> failed, Supplier<T> timedOut) {
        PendingAction<T> action = new PendingAction<>(onDone, cancelled, pending::remove);
        pending.add(action);
        Future<?> worker = workers.submit(() -> {
            try {
                action.report(work.run());
            } catch (InterruptedException e) {
                action.report(cancelled.get());
            } catch (RuntimeException e) {
                // a bug in an agent must still produce exactly one report, and promptly
                action.report(failed.apply(e));
            }
        });
        Future<?> timer = watchdog.schedule(() -> action.timeOut(timedOut.get()),
                timeout.plus(WATCHDOG_GRACE).toMillis(), TimeUnit.MILLISECONDS);
        action.started(worker, timer);
        return action;
    }

    private AgentResult runAction(AgentAction action) throws InterruptedException {
        Optional<ResolvedAgent> resolved = registry.resolve(action.agent(), host);
        if (resolved.isEmpty()) {
            return AgentResult.execError(OcfStatus.ERR_INSTALLED, notFound(action.agent()));
        }
        ResolvedAgent agent = resolved.get();
        if (agent instanceof ResolvedAgent.Native n) {
            metadata.computeIfAbsent(action.agent(), id -> Optional.of(n.agent().metadata()));
            return nativeInvoker.invoke(n.agent(), action, host);
        }
        if (agent instanceof ResolvedAgent.OcfScript s) {
            long started = System.nanoTime();
            AgentResult result = scriptRunner.run(s.script(), asTheAgentReloads(action, s), host);
            learnAfter(action, result, started, s);
            return result;
        }
        return stonithResourceAction(action);
    }

    /**
     * Reads a script's meta-data once, after the first action that ran with the resource's parameters
     * succeeded (the history of that action records what it says), within what is left of that action's
     * time: an agent that hangs is never asked, and an action is never made late by it.
     */
    private void learnAfter(AgentAction action, AgentResult result, long startedNanos, ResolvedAgent.OcfScript s)
            throws InterruptedException {
        if (metadata.containsKey(action.agent()) || result.execStatus() != ExecStatus.DONE
                || result.status() != OcfStatus.SUCCESS || action.action() == ActionName.STOP
                || action.action() == ActionName.META_DATA) {
            return;
        }
        Duration left = action.timeout().minusNanos(System.nanoTime() - startedNanos);
        if (left.toMillis() >= 100) {
            readMetadata(action.agent(), s, left);
        }
    }

    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);

    /** Runs the script's meta-data action, for at most {@code within} (and never above five seconds), and keeps it. */
    private void readMetadata(AgentId agent, ResolvedAgent.OcfScript s, Duration within) throws InterruptedException {
        Duration limit = within.compareTo(METADATA_TIMEOUT) < 0 ? within : METADATA_TIMEOUT;
        metadata.put(agent, scriptRunner.metadata(s.script(), agent, host, limit));
    }

    /** The scheduler asks for reload-agent; an agent older than OCF 1.1 is asked its own way, "reload". */
    private AgentAction asTheAgentReloads(AgentAction action, ResolvedAgent.OcfScript s) throws InterruptedException {
        if (action.action() != ActionName.RELOAD_AGENT && action.action() != ActionName.RELOAD) {
            return action;
        }
        if (!metadata.containsKey(action.agent())) {
            // not read since this node started: ask now, with part of the reload's own time
            readMetadata(action.agent(), s, action.timeout().dividedBy(2));
        }
        Optional<AgentMetadata> md = metadata.getOrDefault(action.agent(), Optional.empty());
        ActionName how = md.flatMap(AgentMetadata::reloadAction).orElse(action.action());
        return how == action.action() ? action
                : new AgentAction(action.agent(), action.resourceInstance(), how, action.params(), action.meta(),
                        action.depth(), action.timeout());
    }

    @Override
    public Optional<List<String>> restartParameters(AgentId agent) {
        Optional<AgentMetadata> md = metadata.get(agent);
        return md == null ? Optional.empty() : md.flatMap(AgentMetadata::restartParameters);
    }

    /**
     * A {@code stonith:} resource is a fence device known to this node's fencer. Starting it checks
     * the device answers (the agent's monitor), as Pacemaker does when registering a device;
     * stopping it only forgets it, and its monitor is the agent's monitor.
     */
    private AgentResult stonithResourceAction(AgentAction action) throws InterruptedException {
        FenceAction fa;
        switch (action.action()) {
            case STOP:
                startedDevices.remove(action.resourceInstance());
                return AgentResult.success();
            case MONITOR:
                if (action.meta().containsKey("interval") && !startedDevices.contains(action.resourceInstance())) {
                    // a cluster action (it carries the CRM meta interval), as Pacemaker's fencer sees it: a
                    // device not registered here is not running here. A direct call (crm ra exec) checks the
                    // device itself.
                    return AgentResult.notRunning();
                }
                fa = FenceAction.MONITOR;
                break;
            case START:
            case VALIDATE_ALL:
                fa = FenceAction.MONITOR;
                break;
            case META_DATA:
                fa = FenceAction.METADATA;
                break;
            default:
                return AgentResult.of(OcfStatus.ERR_UNIMPLEMENTED, action.action().ocfName() + " is not an action of fence devices");
        }
        FenceResult r = runFence(new FenceRequest(action.agent(), fa, Optional.empty(), action.params(), action.timeout()));
        if (r.execStatus() == ExecStatus.TIMED_OUT) {
            return AgentResult.timedOut(r.reason(), r.output());
        }
        OcfStatus status = r.succeeded() ? OcfStatus.SUCCESS : OcfStatus.ERR_GENERIC;
        if (action.action() == ActionName.START && r.succeeded()) {
            startedDevices.add(action.resourceInstance());
        }
        return new AgentResult(r.execStatus(), status, r.exitCode(), r.reason(), r.output(), java.util.List.of());
    }

    private FenceResult runFence(FenceRequest request) throws InterruptedException {
        Optional<ResolvedAgent> resolved = registry.resolve(request.agent(), host);
        if (resolved.isEmpty()) {
            return FenceResult.error(notFound(request.agent()));
        }
        if (resolved.get() instanceof ResolvedAgent.NativeFence n) {
            return n.agent().execute(request, host);
        }
        if (resolved.get() instanceof ResolvedAgent.FenceScript s) {
            return fenceRunner.run(s.script(), request, host);
        }
        return FenceResult.error(request.agent() + " is not a fence agent");
    }

    private String notFound(AgentId id) {
        if (id.isStonith()) {
            return "fence agent " + id + " not found: no native agent and no " + id.type() + " in " + host.fenceAgentDirs();
        }
        return "agent " + id + " not found: no native agent and no script at "
                + host.ocfRoot().resolve("resource.d").resolve(id.provider()).resolve(id.type());
    }

    /** Cancels what is still running (each reports {@link ExecStatus#CANCELLED}) and stops the threads. */
    @Override
    public void close() {
        for (PendingAction<?> h : List.copyOf(pending)) {
            h.cancel();
        }
        workers.shutdownNow();
        watchdog.shutdownNow();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
