package org.vigil.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A headless Chromium driven through chromedriver with the W3C WebDriver protocol (JSON over HTTP on loopback),
 * spoken with the JDK's HTTP client and Jackson: the few commands the console's browser test needs, without
 * Selenium (not in the local Maven repository; the protocol is small enough).
 */
final class WebDriver implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process driver;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String session;

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    WebDriver(Path work) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port, "--allowed-ips=127.0.0.1")
                .redirectErrorStream(true).redirectOutput(work.resolve("chromedriver.log").toFile()).start();
        base = "http://127.0.0.1:" + port;
        try {
            session = open(work);
        } catch (Throwable e) {
            driver.destroyForcibly();
            throw e;
        }
    }

    private String open(Path work) throws Exception {
        await("chromedriver answers", () -> {
            try {
                return call("GET", "/status", null).path("value").path("ready").asBoolean(false);
            } catch (IOException | InterruptedException e) {
                return false;
            }
        });
        Map<String, Object> caps = Map.of("capabilities", Map.of("alwaysMatch", Map.of(
                "browserName", "chrome", "acceptInsecureCerts", true,
                "goog:chromeOptions", Map.of("binary", CHROMIUM.toString(), "args", List.of("--headless=new", "--no-sandbox",
                        "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1100",
                        "--user-data-dir=" + work.resolve("chromium-profile"))))));
        JsonNode r = call("POST", "/session", caps);
        String id = r.path("value").path("sessionId").asText(null);
        if (id == null) {
            throw new IllegalStateException("chromedriver did not open a session: " + r);
        }
        return id;
    }

    private JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (body != null) {
            b.header("Content-Type", "application/json").method(method,
                    HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return JSON.readTree(http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private JsonNode command(String method, String path, Object body) {
        try {
            JsonNode r = call(method, "/session/" + session + path, body);
            JsonNode v = r.path("value");
            if (v.has("error")) {
                throw new IllegalStateException(method + " " + path + ": " + v.path("error").asText() + ": "
                        + v.path("message").asText());
            }
            return v;
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    void open(String url) {
        command("POST", "/url", Map.of("url", url));
    }

    String url() {
        return command("GET", "/url", null).asText();
    }

    /** The element's WebDriver id, or null when the page has none matching. */
    String find(String css) {
        try {
            return command("POST", "/element", Map.of("using", "css selector", "value", css)).path(ELEMENT).asText(null);
        } catch (IllegalStateException e) {
            if (e.getMessage().contains("no such element")) {
                return null;
            }
            throw e;
        }
    }

    String element(String css) {
        await("an element " + css, () -> find(css) != null);
        return find(css);
    }

    void click(String css) {
        await("clickable " + css, () -> {
            try {
                command("POST", "/element/" + element(css) + "/click", Map.of());
                return true;
            } catch (IllegalStateException e) {
                return false; // stale (the page re-rendered) or covered: try again
            }
        });
    }

    void type(String css, String text) {
        command("POST", "/element/" + element(css) + "/value", Map.of("text", text));
    }

    /** The element's visible text, "" when absent. */
    String text(String css) {
        try {
            String id = find(css);
            return id == null ? "" : command("GET", "/element/" + id + "/text", null).asText("");
        } catch (IllegalStateException e) {
            return ""; // replaced while read: the next poll reads the new one
        }
    }

    Object script(String js, Object... args) {
        JsonNode v = command("POST", "/execute/sync", Map.of("script", js, "args", List.of(args)));
        return v.isTextual() ? v.asText() : v.toString();
    }

    void selectOption(String selectCss, String value) {
        script("const s = document.querySelector(arguments[0]); s.value = arguments[1];"
                + " s.dispatchEvent(new Event('change'));", selectCss, value);
    }

    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(command("GET", "/screenshot", null).asText()));
    }

    static void await(String what, Supplier<Boolean> ok) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (ok.get()) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
        throw new AssertionError("not within 90 s: " + what);
    }

    @Override
    public void close() {
        try {
            if (session != null) {
                call("DELETE", "/session/" + session, null);
            }
        } catch (IOException | InterruptedException e) {
            // the driver goes anyway
        } finally {
            driver.destroy();
            try {
                if (!driver.waitFor(10, TimeUnit.SECONDS)) {
                    driver.destroyForcibly();
                }
            } catch (InterruptedException e) {
                driver.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
