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
        return start(address, port, snapshot, null, null);
    }

    /**
     * @param tls   HTTPS with this context, or plain HTTP when null
     * @param users HTTP basic authentication against this file, or none when null
     */
    public static MetricsServer start(InetAddress address, int port, Supplier<NodeSnapshot> snapshot,
            javax.net.ssl.SSLContext tls, PasswordFile users) throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new PacemakerCollector(snapshot));
        VigilMetrics own = new VigilMetrics(registry);
        ExecutorService workers = new ThreadPoolExecutor(1, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(16), r -> {
            Thread t = new Thread(r, "vigild-metrics");
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.DiscardPolicy());
        HTTPServer.Builder b = HTTPServer.builder().inetAddress(address).port(port).registry(registry)
                .executorService(workers);
        if (tls != null) {
            b.httpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
        }
        if (users != null) {
            b.authenticator(new com.sun.net.httpserver.BasicAuthenticator("vigil metrics") {
                @Override
                public boolean checkCredentials(String user, String password) {
                    return users.check(user, password);
                }
            });
        }
        HTTPServer server = b.buildAndStart();
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
