package org.vigil.console;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A console user in tests: the JDK's HTTP client trusting only the console's certificate, one session. */
final class ConsoleClient {
    private final HttpClient http;
    private final String base;
    private String cookie;
    private String csrf;

    ConsoleClient(String base, Path certPem) throws Exception {
        this.base = base;
        this.http = HttpClient.newBuilder().sslContext(trusting(certPem)).connectTimeout(Duration.ofSeconds(10)).build();
    }

    static SSLContext trusting(Path certPem) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(certPem)) {
            ks.setCertificateEntry("console", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** Logs in; true when the console let the user in (a session cookie and the page's CSRF token). */
    boolean login(String user, String password) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("user=" + user + "&password=" + password)));
        String set = r.headers().firstValue("Set-Cookie").orElse(null);
        if (r.statusCode() != 303 || set == null) {
            return false;
        }
        cookie = set.substring(0, set.indexOf(';'));
        HttpResponse<String> page = get("/");
        Matcher m = Pattern.compile("<meta name=\"csrf\" content=\"([^\"]+)\">").matcher(page.body());
        csrf = m.find() ? m.group(1) : null;
        return page.statusCode() == 200 && csrf != null;
    }

    String csrf() {
        return csrf;
    }

    HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** A POST with the session's CSRF token, or {@code token} in its place (null: none). */
    HttpResponse<String> post(String path, String form, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (token != null) {
            b.header("X-CSRF-Token", token);
        }
        return send(b);
    }

    HttpResponse<String> post(String path, String form) throws Exception {
        return post(path, form, csrf);
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
