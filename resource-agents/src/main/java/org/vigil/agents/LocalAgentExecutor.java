package org.vigil.agents;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
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
            java.util.function.Supplier<T> cancelled, java.util.function.Function<RuntimeException, T> failed,
            java.util.function.Supplier<T> timedOut) {
        AtomicBoolean reported = new AtomicBoolean();
        java.util.function.Predicate<T> once = r -> {
            if (reported.compareAndSet(false, true)) {
                onDone.accept(r);
                return true;
            }
            return false;
        };
        AtomicReference<ScheduledFuture<?>> timer = new AtomicReference<>();
        Future<?> task = workers.submit(() -> {
            try {
                once.test(work.run());
            } catch (InterruptedException e) {
                once.test(cancelled.get());
            } catch (RuntimeException e) {
                // a bug in an agent must still produce exactly one report, and promptly
                once.test(failed.apply(e));
            } finally {
                ScheduledFuture<?> t = timer.get();
                if (t != null) {
                    t.cancel(false);
                }
            }
        });
        timer.set(watchdog.schedule(() -> {
            once.test(timedOut.get());
            task.cancel(true);
        }, timeout.plus(WATCHDOG_GRACE).toMillis(), TimeUnit.MILLISECONDS));
        if (task.isDone()) {
            timer.get().cancel(false);
        }
        return new ActionHandle() {
            @Override
            public boolean cancel() {
                // report first: the interrupted agent may still return a result of its own
                if (!once.test(cancelled.get())) {
                    return false;
                }
                task.cancel(true);
                timer.get().cancel(false);
                return true;
            }

            @Override
            public boolean isDone() {
                return reported.get();
            }
        };
    }

    private AgentResult runAction(AgentAction action) throws InterruptedException {
        Optional<ResolvedAgent> resolved = registry.resolve(action.agent(), host);
        if (resolved.isEmpty()) {
            return AgentResult.execError(OcfStatus.ERR_INSTALLED, notFound(action.agent()));
        }
        ResolvedAgent agent = resolved.get();
        if (agent instanceof ResolvedAgent.Native n) {
            return nativeInvoker.invoke(n.agent(), action, host);
        }
        if (agent instanceof ResolvedAgent.OcfScript s) {
            return scriptRunner.run(s.script(), action, host);
        }
        return stonithResourceAction(action);
    }

    /**
     * A {@code stonith:} resource is a registered fence device: start/stop only register it, and
     * its monitor asks the agent to check the device, as Pacemaker's fencer does.
     */
    private AgentResult stonithResourceAction(AgentAction action) throws InterruptedException {
        FenceAction fa;
        switch (action.action()) {
            case START, STOP, VALIDATE_ALL:
                return AgentResult.success();
            case MONITOR:
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

    @Override
    public void close() {
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
