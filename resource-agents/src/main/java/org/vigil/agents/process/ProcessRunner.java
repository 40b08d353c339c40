package org.vigil.agents.process;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs one child process to completion or timeout. The child leads its own process group (via
 * {@code setsid}) so a timeout or cancellation can TERM, and after a grace period KILL, every
 * process the agent spawned, as Pacemaker's executor does. Blocking; callers run it on a worker
 * thread, and interrupting that thread kills the group.
 */
public final class ProcessRunner {
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));
    private static final List<Path> KILL = List.of(Path.of("/usr/bin/kill"), Path.of("/bin/kill"));

    private final Optional<Path> setsid;
    private final Optional<Path> kill;

    public ProcessRunner() {
        this.setsid = SETSID.stream().filter(Files::isExecutable).findFirst();
        this.kill = KILL.stream().filter(Files::isExecutable).findFirst();
    }

    public ProcessResult run(ProcessSpec spec) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        setsid.ifPresent(p -> cmd.add(p.toString()));
        cmd.addAll(spec.command());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().putAll(spec.environment());
        spec.workDir().ifPresent(d -> pb.directory(d.toFile()));
        Process p = pb.start();
        BoundedOutput out = new BoundedOutput(spec.outputLimit(), spec.keepLastLineWith());
        BoundedOutput err = new BoundedOutput(spec.outputLimit(), spec.keepLastLineWith());
        Thread outReader = reader(p, out, true);
        Thread errReader = reader(p, err, false);
        feed(p, spec.stdin());
        boolean finished;
        try {
            finished = p.waitFor(spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            terminate(p, spec);
            throw e;
        }
        if (!finished) {
            terminate(p, spec);
        }
        // a daemon the agent left behind may keep the pipes open; do not wait for it
        outReader.join(500);
        errReader.join(500);
        boolean truncated = out.truncated() || err.truncated();
        return new ProcessResult(finished ? p.exitValue() : -1, out.text(), err.text(), !finished, truncated);
    }

    private static Thread reader(Process p, BoundedOutput sink, boolean stdout) {
        Thread t = new Thread(() -> sink.drain(stdout ? p.getInputStream() : p.getErrorStream()),
                "agent-output-" + p.pid() + (stdout ? "-out" : "-err"));
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void feed(Process p, String stdin) {
        try (OutputStream os = p.getOutputStream()) {
            if (!stdin.isEmpty()) {
                os.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the process exited before reading its input; its exit code tells the story
        }
    }

    private void terminate(Process p, ProcessSpec spec) throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        signalGroup(p, "TERM");
        p.destroy();
        tree.forEach(ProcessHandle::destroy);
        if (!p.waitFor(spec.killGrace().toMillis(), TimeUnit.MILLISECONDS) || tree.stream().anyMatch(ProcessHandle::isAlive)) {
            signalGroup(p, "KILL");
            p.destroyForcibly();
            tree.forEach(ProcessHandle::destroyForcibly);
            p.waitFor(spec.killGrace().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void signalGroup(Process p, String signal) throws InterruptedException {
        if (setsid.isEmpty() || kill.isEmpty()) {
            return;
        }
        try {
            Process k = new ProcessBuilder(kill.get().toString(), "-s", signal, "--", "-" + p.pid())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            k.waitFor(2, TimeUnit.SECONDS);
        } catch (IOException e) {
            // the group is already gone, or kill is unavailable; destroy() below still acts on the tree
        }
    }
}
