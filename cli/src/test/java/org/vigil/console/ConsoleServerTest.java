package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's HTTPS server without a browser, over a CIB file (crm's offline mode, so every action runs the
 * very crm command it shows): login, CSRF, roles, audit log, what-if, and that strangers get nothing read.
 */
@Timeout(120)
class ConsoleServerTest {
    @TempDir
    Path dir;

    private ConsoleServer server;
    private Path cib;
    private Path audit;
    private String base;
    private Path cert;

    @BeforeEach
    void start() throws Exception {
        cib = dir.resolve("cib.xml");
        try (InputStream in = getClass().getResourceAsStream("/org/vigil/cli/resource/running.xml")) {
            Files.write(cib, in.readAllBytes());
        }
        SecureRandom random = new SecureRandom();
        Path users = dir.resolve("console/users");
        ConsoleUsers.put(users, "alice", Role.ADMIN, "alice-password", random);
        ConsoleUsers.put(users, "bob", Role.READ_ONLY, "bob-password", random);
        ConsoleCertificate.Loaded tls = ConsoleCertificate.load(null, null, dir.resolve("console"), "brina", "127.0.0.1", random);
        cert = dir.resolve("console/console-cert.pem");
        audit = dir.resolve("console/audit.log");
        server = ConsoleServer.start(InetAddress.getByName("127.0.0.1"), 0, tls.context(), users,
                new AuditLog(audit, Clock.systemUTC()), new CrmRunner(Map.of("CIB_file", cib.toString()), dir,
                        Clock.systemUTC()), Clock.systemUTC(), random);
        base = "https://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ConsoleClient client() throws Exception {
        return new ConsoleClient(base, cert);
    }

    private String auditText() throws Exception {
        return Files.readString(audit);
    }

    @Test
    void generatedKeyAndAuditLogArePrivateAndTheFingerprintIsTheCertificates() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("console/console-key.pem"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(audit)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("console/users"))));
        java.security.cert.X509Certificate x509;
        try (InputStream in = Files.newInputStream(cert)) {
            x509 = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(in);
        }
        x509.verify(x509.getPublicKey()); // self-signed
        x509.checkValidity();
        assertEquals("CN=brina", x509.getSubjectX500Principal().getName());
        assertEquals("[[2, brina], [2, localhost], [7, 127.0.0.1]]", String.valueOf(x509.getSubjectAlternativeNames()));
        String fp = ConsoleCertificate.fingerprint(cert);
        assertTrue(fp.matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), fp);
        // a second start keeps the certificate made at the first
        ConsoleCertificate.Loaded again = ConsoleCertificate.load(null, null, dir.resolve("console"), "brina", "127.0.0.1",
                new SecureRandom());
        assertFalse(again.generated());
        assertEquals(fp, again.fingerprint());
    }

    @Test
    void withoutLoginNothingIsShownAndNothingChanges() throws Exception {
        byte[] before = Files.readAllBytes(cib);
        ConsoleClient c = client();
        assertEquals(401, c.get("/api/status").statusCode());
        HttpResponse<String> page = c.get("/");
        assertEquals(303, page.statusCode());
        assertEquals("/login", page.headers().firstValue("Location").orElse(""));
        assertEquals(401, c.post("/api/action", "kind=node-standby&target=piova", "forged").statusCode());
        assertFalse(c.login("alice", "wrong-password"));
        assertFalse(c.login("mallory", "alice-password"));
        assertEquals(401, c.get("/api/config").statusCode());
        assertArrayEquals(before, Files.readAllBytes(cib));
        assertTrue(auditText().contains("user=alice from=127.0.0.1 what=login result=refused"), auditText());
        assertTrue(auditText().contains("user=mallory from=127.0.0.1 what=login result=refused"), auditText());
    }

    @Test
    void aStrangersRequestBodyIsNeverRead() throws Exception {
        // headers announcing a large body, and no body at all: the answer comes without waiting for it
        try (SSLSocket s = (SSLSocket) ConsoleClient.trusting(cert).getSocketFactory().createSocket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/action HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: 1000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] head = new byte[12];
            int n = s.getInputStream().readNBytes(head, 0, 12);
            assertEquals("HTTP/1.1 401", new String(head, 0, n, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void adminActsOnlyWithTheSessionsCsrfTokenAndEveryActionIsAudited() throws Exception {
        ConsoleClient c = client();
        assertTrue(c.login("alice", "alice-password"));
        HttpResponse<String> preview = c.get("/api/preview?kind=node-standby&target=piova");
        assertTrue(preview.body().contains("\"command\":\"crm node standby piova\""), preview.body());
        byte[] before = Files.readAllBytes(cib);
        assertEquals(403, c.post("/api/action", "kind=node-standby&target=piova", null).statusCode());
        assertEquals(403, c.post("/api/action", "kind=node-standby&target=piova", "not-the-token").statusCode());
        assertArrayEquals(before, Files.readAllBytes(cib), "refused requests change nothing");
        HttpResponse<String> done = c.post("/api/action", "kind=node-standby&target=piova");
        assertEquals(200, done.statusCode(), done.body());
        assertTrue(done.body().contains("\"command\":\"crm node standby piova\""), done.body());
        assertTrue(Files.readString(cib).matches("(?s).*name=\"standby\" value=\"on\".*"), "standby written to the CIB");
        HttpResponse<String> status = c.get("/api/status");
        assertTrue(status.body().contains("\"name\":\"piova\"") && status.body().contains("\"standby\":true"), status.body());
        HttpResponse<String> bad = c.post("/api/action", "kind=node-reboot&target=piova");
        assertEquals(400, bad.statusCode());
        HttpResponse<String> injected = c.post("/api/action", "kind=resource-move&target=vm01&node=piova%3Brm");
        assertEquals(400, injected.statusCode(), "only ids reach crm's command line");
        String log = auditText();
        assertTrue(log.contains("user=alice from=127.0.0.1 what=login result=\"ok (admin)\""), log);
        assertTrue(log.contains("what=\"POST /api/action\" result=\"refused: bad CSRF token\""), log);
        assertTrue(log.contains("user=alice from=127.0.0.1 what=\"crm node standby piova\" result=ok"), log);
        assertTrue(log.contains("what=\"action node-reboot\" result=\"refused: unknown action"), log);
    }

    @Test
    void readOnlyUserSeesEverythingButCannotAct() throws Exception {
        ConsoleClient c = client();
        assertTrue(c.login("bob", "bob-password"));
        assertTrue(c.get("/api/status").body().contains("\"vm01\""));
        assertTrue(c.get("/api/config").body().contains("primitive vm01"));
        byte[] before = Files.readAllBytes(cib);
        HttpResponse<String> r = c.post("/api/action", "kind=resource-stop&target=vm01");
        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("read-only"), r.body());
        assertArrayEquals(before, Files.readAllBytes(cib));
        assertTrue(auditText().contains("user=bob from=127.0.0.1 what=\"crm resource stop vm01\" result=\"refused: read-only user\""),
                auditText());
        assertEquals(200, c.post("/api/logout", "").statusCode());
        assertEquals(401, c.get("/api/status").statusCode(), "the session ends at logout");
    }

    @Test
    void whatIfShowsTheSchedulersAnswerWithoutChangingTheCib() throws Exception {
        ConsoleClient c = client();
        assertTrue(c.login("bob", "bob-password"));
        byte[] before = Files.readAllBytes(cib);
        HttpResponse<String> r = c.post("/api/whatif", "fail=brina");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"command\":\"crm simulate -L -S --node-fail brina\""), r.body());
        assertTrue(r.body().contains("vm01") && r.body().contains("<svg"), r.body());
        assertTrue(r.body().contains("\"explanations\":{"), r.body());
        assertArrayEquals(before, Files.readAllBytes(cib));
        assertTrue(auditText().contains("what=\"crm simulate -L -S --node-fail brina\" result=\"what-if (nothing changed)\""));
        assertEquals(400, c.post("/api/whatif", "fail=brina%3Bx").statusCode());
    }
}
