package org.vigil.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The Prometheus project's own text-format parser (its Python client, Debian's {@code python3-prometheus-client}),
 * run on a scrape: what a real Prometheus-ecosystem reader makes of our /metrics, family by family.
 */
public final class PythonPrometheusParser {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String SCRIPT = String.join("\n",
            "import sys",
            "from prometheus_client.parser import text_string_to_metric_families",
            "for f in text_string_to_metric_families(sys.stdin.read()):",
            "    for s in f.samples:",
            "        print(f.name + '\\t' + f.type + '\\t' + s.name + '\\t' + ','.join(sorted(s.labels)))");

    /** One family as the parser read it: its type and the label names of each of its samples. */
    public record Family(String type, Set<String> labelSets) {}

    private PythonPrometheusParser() {}

    /** Null when python3 or its prometheus_client module is not installed. */
    public static String unavailable() {
        if (!Files.isExecutable(PYTHON)) {
            return PYTHON + " is not installed";
        }
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import prometheus_client.parser")
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? null
                    : "python3-prometheus-client is not installed";
        } catch (IOException | InterruptedException e) {
            return "python3 could not be run: " + e.getMessage();
        }
    }

    /** Parses {@code text}; a text the parser refuses throws with its message. */
    public static Map<String, Family> parse(String text) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", SCRIPT).redirectErrorStream(true).start();
        p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalArgumentException("prometheus_client refused the text: " + out);
        }
        Map<String, Family> families = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            families.computeIfAbsent(f[0], k -> new Family(f[1], new TreeSet<>())).labelSets().add(f[3]);
        }
        return families;
    }
}
