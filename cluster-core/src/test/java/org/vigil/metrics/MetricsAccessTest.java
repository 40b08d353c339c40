package org.vigil.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cib.Cib;
import org.vigil.membership.QuorumState;

/** /metrics over HTTPS with a PEM certificate (made by openssl) and basic auth against a password file. */
class MetricsAccessTest {
    @TempDir
    Path dir;

    private static final NodeSnapshot SNAPSHOT = new NodeSnapshot("n1", Cib.empty(),
            new QuorumState(true, 1, 1, 1, java.util.Set.of("n1"), "all"), List.of("n1"),
            List.of(new NodeSnapshot.Member("n1", 1, 1)), List.of("127.0.0.1"), List.of("ring 0: active with no faults"),
            Instant.parse("2026-12-05T10:00:00Z"));

    @Test
    void httpsWithBasicAuthRefusesStrangersAndServesUsers() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "needs openssl to make a test certificate");
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process p = new ProcessBuilder("/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days", "2",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1").redirectErrorStream(true).start();
        String opensslOut = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), opensslOut);
        Path users = dir.resolve("users");
        PasswordFile.put(users, "prom", "s3cret", new SecureRandom());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(users)));

        try (MetricsServer server = MetricsServer.start(InetAddress.getByName("127.0.0.1"), 0, () -> SNAPSHOT,
                PemTls.serverContext(cert, key), PasswordFile.read(users))) {
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(cert)).connectTimeout(Duration.ofSeconds(5)).build();
            URI uri = URI.create("https://127.0.0.1:" + server.port() + "/metrics");
            assertEquals(401, client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode(), "no credentials");
            assertEquals(401, client.send(HttpRequest.newBuilder(uri).header("Authorization", basic("prom", "guess")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode(), "a wrong password");
            assertEquals(401, client.send(HttpRequest.newBuilder(uri).header("Authorization", basic("nobody", "s3cret")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode(), "an unknown user");
            HttpResponse<String> ok = client.send(HttpRequest.newBuilder(uri).header("Authorization", basic("prom", "s3cret"))
                    .header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode());
            assertEquals(1.0, PrometheusTextFormat.parse(ok.body()).get("ha_cluster_corosync_quorate").samples().get(0).value());
            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThrows(java.io.IOException.class, () -> plain.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + server.port() + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()), "plain HTTP gets no metrics from the HTTPS port");
        }
    }

    @Test
    void badPasswordFileLineNamesFileAndLine() throws Exception {
        Path users = dir.resolve("users");
        Files.writeString(users, "# who may scrape\nprom:plain:secret\n");
        var e = assertThrows(java.io.IOException.class, () -> PasswordFile.read(users));
        assertEquals(users + ":2: expected NAME:pbkdf2-sha256:ITERATIONS:SALT:HASH", e.getMessage());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static SSLContext trusting(Path certFile) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(certFile)) {
            ks.setCertificateEntry("metrics", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
