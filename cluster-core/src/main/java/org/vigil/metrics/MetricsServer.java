package org.vigil.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code /metrics} of one node: ha_cluster_exporter's metrics ({@link PacemakerCollector}) and Vigil's own
 * ({@link VigilMetrics}) over Prometheus' own HTTP exporter. Scrapes run on two threads with a short queue,
 * so a flood of requests cannot pile up work.
 */
public final class MetricsServer implements AutoCloseable {
    private final HTTPServer server;
    private final VigilMetrics metrics;

    private MetricsServer(HTTPServer server, VigilMetrics metrics) {
        this.server = server;
        this.metrics = metrics;
    }

    public static MetricsServer start(InetAddress address, int port, Supplier<NodeSnapshot> snapshot) throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new PacemakerCollector(snapshot));
        VigilMetrics own = new VigilMetrics(registry);
        ExecutorService workers = new ThreadPoolExecutor(1, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(16), r -> {
            Thread t = new Thread(r, "vigild-metrics");
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.DiscardPolicy());
        HTTPServer server = HTTPServer.builder().inetAddress(address).port(port).registry(registry)
                .executorService(workers).buildAndStart();
        return new MetricsServer(server, own);
    }

    public int port() {
        return server.getPort();
    }

    /** Vigil's own counters, fed by the daemon. */
    public VigilMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        server.close();
    }
}
