package org.vigil.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.vigil.cli.CliException;
import org.vigil.cli.simulate.Injections;

/**
 * The web console over HTTPS (TLS 1.3 only, the JDK's own server): a login page, then the pages of
 * {@code app.html} fed by JSON. Requests without a session get nothing but the login page and static assets,
 * and their bodies are never read (only the login form's, at most {@link #MAX_BODY} bytes). Every request that
 * changes something needs the session's CSRF token in {@code X-CSRF-Token}; acting needs the admin role; every
 * login, action and what-if goes to the audit log.
 */
final class ConsoleServer implements AutoCloseable {
    static final int MAX_BODY = 16 * 1024;
    static final String COOKIE = "vigil_session";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> STATIC = Map.of(
            "app.css", "text/css; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "login.js", "text/javascript; charset=utf-8");

    private final HttpsServer server;
    private final ExecutorService workers;
    private final Path usersFile;
    private final AuditLog audit;
    private final Sessions sessions;
    private final CrmRunner crm;
    private final ConsoleData data;
    /** Actions change the cluster one at a time, as an operator at one shell would. */
    private final Object acting = new Object();

    private ConsoleServer(HttpsServer server, ExecutorService workers, Path usersFile, AuditLog audit, Sessions sessions,
            CrmRunner crm) {
        this.server = server;
        this.workers = workers;
        this.usersFile = usersFile;
        this.audit = audit;
        this.sessions = sessions;
        this.crm = crm;
        this.data = new ConsoleData(crm);
    }

    static ConsoleServer start(InetAddress address, int port, SSLContext tls, Path usersFile, AuditLog audit,
            CrmRunner crm, Clock clock, SecureRandom random) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(address, port), 32);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                javax.net.ssl.SSLParameters p = tls.getDefaultSSLParameters();
                p.setProtocols(new String[] {"TLSv1.3"});
                params.setSSLParameters(p);
            }
        });
        ExecutorService workers = new ThreadPoolExecutor(1, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(64), r -> {
            Thread t = new Thread(r, "vigild-console");
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.DiscardPolicy());
        server.setExecutor(workers);
        ConsoleServer console = new ConsoleServer(server, workers, usersFile, audit, new Sessions(random, clock), crm);
        server.createContext("/", console::handle);
        server.start();
        return console;
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            secureHeaders(ex.getResponseHeaders());
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (method.equals("GET") && path.startsWith("/static/")) {
                serveStatic(ex, path.substring("/static/".length()));
                return;
            }
            if (path.equals("/login")) {
                if (method.equals("GET")) {
                    sendPage(ex, 200, resource("login.html"));
                } else if (method.equals("POST")) {
                    login(ex);
                } else {
                    refuse(ex, 405, "GET or POST");
                }
                return;
            }
            Optional<Sessions.Session> session = sessions.find(cookie(ex.getRequestHeaders()));
            if (session.isEmpty()) {
                // not logged in: nothing beyond the request line and headers is read
                ex.getResponseHeaders().set("Connection", "close");
                if (path.startsWith("/api/")) {
                    sendJson(ex, 401, Map.of("error", "login required"));
                } else {
                    ex.getResponseHeaders().set("Location", "/login");
                    ex.sendResponseHeaders(303, -1);
                }
                return;
            }
            route(ex, method, path, session.get());
        } catch (RuntimeException e) {
            // a bug behind one request is that request's error, not the daemon's
            sendJson(ex, 500, Map.of("error", "internal error: " + e.getClass().getSimpleName()));
        }
    }

    private void route(HttpExchange ex, String method, String path, Sessions.Session s) throws IOException {
        boolean post = method.equals("POST");
        if (post && !csrfOk(ex, s)) {
            audit.record(s.user(), from(ex), method + " " + path, "refused: bad CSRF token");
            ex.getResponseHeaders().set("Connection", "close");
            sendJson(ex, 403, Map.of("error", "missing or wrong CSRF token"));
            return;
        }
        Map<String, String> q = form(ex.getRequestURI().getRawQuery());
        switch (method + " " + path) {
            case "GET /" -> sendPage(ex, 200, resource("app.html").replace("{{user}}", GraphSvg.esc(s.user()))
                    .replace("{{role}}", s.role().label()).replace("{{csrf}}", s.csrf()));
            case "GET /api/session" -> sendJson(ex, 200, Map.of("user", s.user(), "role", s.role().label()));
            case "GET /api/status" -> sendJson(ex, 200, data.status());
            case "GET /api/config" -> sendJson(ex, 200, data.config());
            case "GET /api/history" -> sendJson(ex, 200, data.history());
            case "GET /api/transition" -> {
                try {
                    sendJson(ex, 200, data.transition(q.get("id")));
                } catch (IllegalArgumentException e) {
                    sendJson(ex, 400, Map.of("error", e.getMessage()));
                }
            }
            case "GET /api/preview" -> {
                try {
                    sendJson(ex, 200, Map.of("command", ConsoleAction.of(q.get("kind"), q.get("target"), q.get("node"))
                            .commandLine(), "allowed", s.role() == Role.ADMIN));
                } catch (IllegalArgumentException e) {
                    sendJson(ex, 400, Map.of("error", e.getMessage()));
                }
            }
            case "POST /api/action" -> act(ex, s);
            case "POST /api/whatif" -> whatIf(ex, s);
            case "POST /api/logout" -> {
                sessions.close(s.token());
                audit.record(s.user(), from(ex), "logout", "ok");
                ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict");
                sendJson(ex, 200, Map.of("ok", true));
            }
            default -> sendJson(ex, 404, Map.of("error", "no such page: " + method + " " + path));
        }
    }

    private void act(HttpExchange ex, Sessions.Session s) throws IOException {
        Map<String, String> f = form(body(ex));
        ConsoleAction a;
        try {
            a = ConsoleAction.of(f.get("kind"), f.get("target"), f.get("node"));
        } catch (IllegalArgumentException e) {
            audit.record(s.user(), from(ex), "action " + f.get("kind"), "refused: " + e.getMessage());
            sendJson(ex, 400, Map.of("error", e.getMessage()));
            return;
        }
        if (s.role() != Role.ADMIN) {
            audit.record(s.user(), from(ex), a.commandLine(), "refused: read-only user");
            sendJson(ex, 403, Map.of("error", "user " + s.user() + " is read-only: actions need the admin role",
                    "command", a.commandLine()));
            return;
        }
        CrmRunner.Result r;
        synchronized (acting) {
            r = crm.run(a.args());
        }
        audit.record(s.user(), from(ex), r.command(), r.ok() ? "ok" : "exit " + r.code() + ": " + r.err().strip());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", r.command());
        m.put("code", r.code());
        m.put("out", r.out());
        m.put("err", r.err());
        sendJson(ex, r.ok() ? 200 : 409, m);
    }

    private void whatIf(HttpExchange ex, Sessions.Session s) throws IOException {
        Map<String, List<String>> f = formLists(body(ex));
        Injections what;
        try {
            what = new Injections(ids(f.get("up")), ids(f.get("down")), ids(f.get("fail")), f.getOrDefault("inject", List.of()));
        } catch (IllegalArgumentException e) {
            sendJson(ex, 400, Map.of("error", e.getMessage()));
            return;
        }
        Map<String, Object> m;
        try {
            m = data.whatIf(what);
        } catch (CliException e) {
            m = Map.of("code", 1, "text", e.getMessage());
        }
        audit.record(s.user(), from(ex), String.valueOf(m.get("command")), "what-if (nothing changed)");
        sendJson(ex, 200, m);
    }

    private static List<String> ids(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values == null ? List.<String>of() : values) {
            for (String id : v.split("[,\\s]+")) {
                if (id.isEmpty()) {
                    continue;
                }
                if (!id.matches("[A-Za-z0-9_][A-Za-z0-9_.:-]{0,127}")) {
                    throw new IllegalArgumentException("'" + id + "' is not a node name");
                }
                out.add(id);
            }
        }
        return out;
    }

    private void login(HttpExchange ex) throws IOException {
        String user = "";
        Optional<Role> role = Optional.empty();
        String body = body(ex);
        if (body != null) {
            Map<String, String> f = form(body);
            user = f.getOrDefault("user", "");
            try {
                role = ConsoleUsers.read(usersFile).check(user, f.getOrDefault("password", ""));
            } catch (IOException e) {
                audit.record(user, from(ex), "login", "refused: users file unreadable: " + e.getMessage());
            }
        }
        if (role.isEmpty()) {
            audit.record(user, from(ex), "login", "refused");
            ex.getResponseHeaders().set("Connection", "close");
            ex.getResponseHeaders().set("Location", "/login?failed=1");
            ex.sendResponseHeaders(303, -1);
            return;
        }
        Sessions.Session s = sessions.open(user, role.get());
        audit.record(user, from(ex), "login", "ok (" + role.get().label() + ")");
        ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + s.token() + "; Path=/; HttpOnly; Secure; SameSite=Strict");
        ex.getResponseHeaders().set("Location", "/");
        ex.sendResponseHeaders(303, -1);
    }

    /** The request body when it is small and declared so; null otherwise (then nothing is read). */
    private static String body(HttpExchange ex) throws IOException {
        String len = ex.getRequestHeaders().getFirst("Content-Length");
        long n;
        try {
            n = len == null ? -1 : Long.parseLong(len.trim());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0 || n > MAX_BODY) {
            return null;
        }
        try (InputStream in = ex.getRequestBody()) {
            return new String(in.readNBytes((int) n), StandardCharsets.UTF_8);
        }
    }

    private static boolean csrfOk(HttpExchange ex, Sessions.Session s) {
        String sent = ex.getRequestHeaders().getFirst("X-CSRF-Token");
        if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), s.csrf().getBytes(StandardCharsets.UTF_8))) {
            return false;
        }
        String origin = ex.getRequestHeaders().getFirst("Origin");
        String host = ex.getRequestHeaders().getFirst("Host");
        return origin == null || host != null && origin.equals("https://" + host);
    }

    private static String cookie(Headers h) {
        for (String header : h.getOrDefault("Cookie", List.of())) {
            for (String part : header.split(";")) {
                String p = part.strip();
                if (p.startsWith(COOKIE + "=")) {
                    return p.substring(COOKIE.length() + 1);
                }
            }
        }
        return null;
    }

    private static Map<String, String> form(String s) {
        Map<String, String> m = new LinkedHashMap<>();
        formLists(s).forEach((k, v) -> m.put(k, v.get(0)));
        return m;
    }

    private static Map<String, List<String>> formLists(String s) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        if (s == null || s.isEmpty()) {
            return m;
        }
        for (String pair : s.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            m.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return m;
    }

    private static String from(HttpExchange ex) {
        return ex.getRemoteAddress().getAddress().getHostAddress();
    }

    private static void secureHeaders(Headers h) {
        h.set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self';"
                + " script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Strict-Transport-Security", "max-age=31536000");
        h.set("Cache-Control", "no-store");
    }

    private static void serveStatic(HttpExchange ex, String name) throws IOException {
        String type = STATIC.get(name);
        if (type == null) {
            sendJson(ex, 404, Map.of("error", "no such file"));
            return;
        }
        byte[] b = resource(name).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
    }

    static String resource(String name) throws IOException {
        try (InputStream in = ConsoleServer.class.getResourceAsStream("static/" + name)) {
            if (in == null) {
                throw new IOException("the console's " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void sendPage(HttpExchange ex, int code, String html) throws IOException {
        byte[] b = html.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        ex.sendResponseHeaders(code, b.length);
        ex.getResponseBody().write(b);
    }

    private static void sendJson(HttpExchange ex, int code, Object value) throws IOException {
        byte[] b = JSON.writeValueAsBytes(value);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(code, b.length);
        ex.getResponseBody().write(b);
    }

    private static void refuse(HttpExchange ex, int code, String allowed) throws IOException {
        ex.getResponseHeaders().set("Allow", allowed);
        sendJson(ex, code, Map.of("error", "method not allowed"));
    }
}
