package org.vigil.cli.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.vigil.cib.Cib;
import org.vigil.cib.Configuration;
import org.vigil.cib.NvSet;
import org.vigil.ipc.IpcClient;
import org.vigil.ipc.IpcServer;
import org.vigil.ipc.ServiceException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code crm bench commits}: configuration changes committed cluster-wide per second, through the local
 * vigild and the DC, as crm commits them (read, change, commit with the version read; re-read on conflict).
 * Each change sets a cluster property {@code vigil-bench-N}; they are removed at the end.
 */
@Command(name = "commits", mixinStandardHelpOptions = true,
        description = "Configuration updates committed cluster-wide per second (needs a running cluster).",
        footer = {"", "Example:", "  VIGIL_SOCKET=/tmp/vigil-demo.X/node1/vigil.sock crm bench commits --count 200", "",
            "Exit codes: 0 measured, 1 the cluster refused or could not be reached, 2 usage error."})
final class CommitBench implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--count", defaultValue = "200", description = "commits per measurement")
    int count;

    @Option(names = "--clients", defaultValue = "4", description = "concurrent clients in the second measurement")
    int clients;

    @Option(names = "--socket", paramLabel = "PATH", description = "vigild's socket (default: VIGIL_SOCKET, else /run/vigil/vigil.sock)")
    Path socket;

    private final AtomicInteger conflicts = new AtomicInteger();

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (count < 1 || clients < 1) {
            err.println("crm bench commits: --count and --clients must be positive");
            return 2;
        }
        Path sock = socket != null ? socket : System.getenv("VIGIL_SOCKET") != null
                ? Path.of(System.getenv("VIGIL_SOCKET")) : IpcServer.Config.DEFAULT_SOCKET;
        IpcClient client = new IpcClient(sock);
        try {
            client.state();
            commit(client, 0); // warm-up: connection, JIT
            long t0 = System.nanoTime();
            for (int i = 1; i <= count; i++) {
                commit(client, i % 8);
            }
            double serial = count / ((System.nanoTime() - t0) / 1e9);
            out.printf(Locale.ROOT, "sequential: %d commits in %.2f s = %.0f commits/s (one client)%n", count,
                    count / serial, serial);
            conflicts.set(0);
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long t1 = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client0 = c;
                futures.add(pool.submit(() -> {
                    IpcClient mine = new IpcClient(sock);
                    for (int i = 0; i < count / clients; i++) {
                        commit(mine, 8 + client0);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            int done = (count / clients) * clients;
            double parallel = done / ((System.nanoTime() - t1) / 1e9);
            out.printf(Locale.ROOT, "concurrent: %d commits by %d clients in %.2f s = %.0f commits/s (%d conflicts retried)%n",
                    done, clients, done / parallel, parallel, conflicts.get());
            cleanUp(client);
            return 0;
        } catch (ServiceException e) {
            err.println("crm bench commits: " + e.getMessage());
            return 1;
        }
    }

    private void commit(IpcClient client, int slot) throws ServiceException {
        for (int attempt = 0; attempt < 50; attempt++) {
            Cib cib = client.cib();
            Configuration c = cib.configuration();
            List<NvSet> props = new ArrayList<>(c.clusterProperties());
            NvSet bench = props.stream().filter(s -> "vigil-bench".equals(s.id())).findFirst()
                    .orElse(NvSet.of("vigil-bench", List.of()));
            props.remove(bench);
            props.add(bench.with("vigil-bench-" + slot, Long.toString(System.nanoTime())));
            try {
                client.commit(cib.withConfiguration(c.withClusterProperties(props)), cib.version());
                return;
            } catch (ServiceException e) {
                if (e.kind() != ServiceException.Kind.CONFLICT) {
                    throw e;
                }
                conflicts.incrementAndGet();
            }
        }
        throw new ServiceException(ServiceException.Kind.CONFLICT, "50 conflicts in a row");
    }

    private static void cleanUp(IpcClient client) throws ServiceException {
        for (int attempt = 0; attempt < 20; attempt++) {
            Cib cib = client.cib();
            List<NvSet> props = new ArrayList<>(cib.configuration().clusterProperties());
            if (!props.removeIf(s -> "vigil-bench".equals(s.id()))) {
                return;
            }
            try {
                client.commit(cib.withConfiguration(cib.configuration().withClusterProperties(props)), cib.version());
                return;
            } catch (ServiceException e) {
                if (e.kind() != ServiceException.Kind.CONFLICT) {
                    throw e;
                }
            }
        }
    }
}
