package org.vigil.cli.status;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.vigil.cli.CliRunner;

/**
 * A crm_mon ratchet: shared Pacemaker scheduler inputs, under a list of option sets, go through Pacemaker's
 * installed {@code crm_mon} (the oracle, run here) and through Vigil's; with what depends on when the command ran
 * blanked the outputs must be identical. A pair listed in the ratchet file that no longer matches fails the build.
 *
 * <p>Speed: Pacemaker's answers are kept in {@code target/crm-mon-oracle/} (keyed by the crm_mon binary, the
 * input's bytes and the options), so only the first run on a machine pays for the processes, and those run
 * side by side on every core. The default build checks every input under the first option set and, of the
 * others, a fixed share of the inputs (every {@code stride}th, a different slice per option set); the
 * {@code full} system property checks every pair and is the run that may rewrite the list.
 *
 * @param name what the report calls it ("crm_mon", "crm_mon XML")
 * @param ratchet the checked-in list of passing pairs (relative to the module)
 * @param fullProperty the boolean system property asking for every pair
 * @param options the option sets; NODE and RSC stand for the input's first configured node and first top-level
 *     resource (the pair is skipped when there is none)
 * @param stride in the default build each option set but the first is checked on one input in this many
 */
record MonRatchet(String name, Path ratchet, String fullProperty, List<String> options, int stride) {
    private static final Path ORACLE_CACHE = Path.of("target/crm-mon-oracle");


    record Answer(int code, String out) {}

    /** One comparison: an input under options with NODE/RSC filled in. */
    record Pair(String name, Path xml, String options, String args) {
        String key() {
            return name + "\t" + options;
        }
    }

    /** Pacemaker's crm_mon where Debian installs it (not Vigil's bin/crm_mon, which may be on PATH). */
    static Path crmMon() {
        Path debian = Path.of("/usr/sbin/crm_mon");
        Assumptions.assumeTrue(Files.isExecutable(debian),
                "skipped: Pacemaker's crm_mon is not installed at " + debian + " (Debian: pacemaker-cli-utils)");
        return debian;
    }

    /**
     * The input as Pacemaker 2.1.5 must be given it to mean what Vigil reads: the shared inputs come from a newer
     * Pacemaker that names the fencing switch {@code fencing-enabled} (Vigil reads both names), which 2.1.5 does
     * not know and would take as fencing left at its default (enabled); the oracle gets the older name, and the
     * node membership in the older words ({@link #olderMembership}).
     */
    static Path oracleInput(Path xml) throws IOException {
        String text = Files.readString(xml);
        String renamed = text;
        if (text.contains("name=\"fencing-enabled\"") && !text.contains("name=\"stonith-enabled\"")) {
            renamed = renamed.replace("name=\"fencing-enabled\"", "name=\"stonith-enabled\"");
        }
        renamed = olderMembership(renamed);
        if (renamed.equals(text)) {
            return xml;
        }
        Path dir = ORACLE_CACHE.resolve("inputs");
        Files.createDirectories(dir);
        Path copy = dir.resolve(xml.getFileName());
        if (!Files.exists(copy) || !Files.readString(copy).equals(renamed)) {
            Path tmp = Files.createTempFile(dir, "input", ".tmp");
            Files.writeString(tmp, renamed);
            Files.move(tmp, copy, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return copy;
    }

    private static final Pattern NODE_STATE = Pattern.compile("<node_state [^>]*>");
    private static final Pattern SINCE = Pattern.compile("\\b(in_ccm|crmd)=\"([0-9]+)\"");

    /**
     * A newer Pacemaker records membership in node_state as the time it began ({@code in_ccm="1720597966"},
     * {@code crmd="1720597966"}, 0 for none), which Vigil reads; 2.1.5 knows only {@code in_ccm="true"} and
     * {@code crmd="online"}, and would take every such node as out of the cluster. The same facts in its words.
     */
    static String olderMembership(String text) {
        Matcher m = NODE_STATE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Matcher since = SINCE.matcher(m.group());
            StringBuilder tag = new StringBuilder();
            while (since.find()) {
                boolean member = !since.group(2).equals("0");
                String value = since.group(1).equals("in_ccm") ? (member ? "true" : "false")
                        : (member ? "online" : "offline");
                since.appendReplacement(tag, since.group(1) + "=\"" + value + "\"");
            }
            since.appendTail(tag);
            m.appendReplacement(out, Matcher.quoteReplacement(tag.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    static Answer pacemaker(Path crmMon, Path input, String args) throws IOException, InterruptedException {
        Path xml = oracleInput(input);
        Path cached = ORACLE_CACHE.resolve(cacheKey(crmMon, xml, args));
        if (Files.exists(cached)) {
            String s = Files.readString(cached);
            int nl = s.indexOf('\n');
            return new Answer(Integer.parseInt(s.substring(0, nl)), s.substring(nl + 1));
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(crmMon.toString());
        cmd.addAll(List.of(args.split(" ")));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = pb.environment();
        env.put("CIB_file", xml.toString());
        env.put("TZ", "UTC");
        env.put("LC_ALL", "C");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Answer(-1, "timed out");
        }
        Answer a = new Answer(p.exitValue(), blank(new String(out, StandardCharsets.UTF_8)));
        Files.createDirectories(ORACLE_CACHE);
        Path tmp = Files.createTempFile(ORACLE_CACHE, "answer", ".tmp");
        Files.writeString(tmp, a.code() + "\n" + a.out());
        Files.move(tmp, cached, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return a;
    }

    private static String cacheKey(Path crmMon, Path xml, String args) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((crmMon + "\0" + Files.size(crmMon) + "\0" + Files.getLastModifiedTime(crmMon) + "\0" + args
                    + "\0").getBytes(StandardCharsets.UTF_8));
            md.update(Files.readAllBytes(xml));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Answer vigil(Path tmp, Path xml, String args) {
        List<String> argv = new ArrayList<>();
        argv.add("crm_mon");
        argv.addAll(List.of(args.split(" ")));
        CliRunner.Result r = new CliRunner(tmp).env("CIB_file", xml.toString()).env("TZ", "UTC")
                .run(argv.toArray(new String[0]));
        return new Answer(r.code(), blank(r.out()));
    }

    /** What depends on when and where the command ran: the update time, the XML's time and crm_mon version. */
    static String blank(String s) {
        return s.replaceAll("(?m)^(  \\* Last updated:).*$", "$1 <blanked>")
                .replaceAll("(<last_update time=\")[^\"]*\"", "$1<blanked>\"")
                .replaceAll("(<pacemaker-result api-version=\")[^\"]*(\" request=\")[^\"]*\"",
                        "$1<blanked>$2<blanked>\"");
    }

    private static final Pattern FIRST_NODE = Pattern.compile("<node [^>]*uname=\"([^\"]+)\"");
    private static final Pattern FIRST_RSC = Pattern.compile(
            "<resources>\\s*<(?:primitive|group|clone|master|bundle) [^>]*id=\"([^\"]+)\"");

    /** The pairs to compare: all of them with the full property, else the default build's share. */
    List<Pair> pairs(List<Path> inputs, boolean full) throws IOException {
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Path xml = inputs.get(i);
            String name = xml.getFileName().toString().replaceFirst("\\.xml$", "");
            String text = null;
            for (int o = 0; o < options.size(); o++) {
                String opts = options.get(o);
                if (!full && o > 0 && (i + o) % stride != 0) {
                    continue;
                }
                String args = opts;
                if (opts.contains("NODE") || opts.contains("RSC")) {
                    text = text != null ? text : Files.readString(xml);
                    Matcher m = (opts.contains("NODE") ? FIRST_NODE : FIRST_RSC).matcher(text);
                    if (!m.find()) {
                        continue;
                    }
                    args = opts.replace("NODE", m.group(1)).replace("RSC", m.group(1));
                }
                pairs.add(new Pair(name, xml, opts, args));
            }
        }
        return pairs;
    }

    /** Compares the pairs of this ratchet and fails on any listed pair that no longer matches. */
    void check(Path tmp) throws Exception {
        Path crmMon = crmMon();
        Path dir = org.vigil.cli.status.StatusConformanceTest.cases();
        boolean full = Boolean.getBoolean(fullProperty);
        List<Path> inputs;
        try (Stream<Path> s = Files.list(dir)) {
            inputs = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        List<Pair> pairs = pairs(inputs, full);
        // Pacemaker's answers are processes (or cached files); Vigil's are in-process: both side by side
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Map<Pair, Future<Answer>> expected = new LinkedHashMap<>();
        Map<Pair, Future<Answer>> actual = new LinkedHashMap<>();
        for (Pair p : pairs) {
            expected.put(p, pool.submit(() -> pacemaker(crmMon, p.xml(), p.args())));
            actual.put(p, pool.submit(() -> {
                try {
                    return vigil(tmp, p.xml(), p.args());
                } catch (RuntimeException e) {
                    return new Answer(-2, "crash: " + e);
                }
            }));
        }
        Set<String> passing = new TreeSet<>();
        Map<String, int[]> perOption = new LinkedHashMap<>();
        StringBuilder report = new StringBuilder();
        Set<String> unreadable = new TreeSet<>();
        for (Pair p : pairs) {
            Answer want = expected.get(p).get();
            Answer got = actual.get(p).get();
            if (want.out().isEmpty() || want.out().contains("<error>Could not connect to the CIB")
                    || want.out().strip().matches("(?s)(<\\?xml[^>]*\\?>\\s*)?<crm_mon version=\"[^\"]*\"/>")) {
                // Pacemaker 2.1.5 could not read the input (a newer schema such as pacemaker-3.10): no oracle
                // (text: no output; XML: an error document; legacy XML: an empty crm_mon element)
                unreadable.add(p.name());
                continue;
            }
            int[] count = perOption.computeIfAbsent(p.options(), k -> new int[2]);
            count[1]++;
            if (want.equals(got)) {
                passing.add(p.key());
                count[0]++;
            } else {
                report.append("== ").append(p.name()).append(" [").append(p.args()).append("]\n");
                firstDifference(want, got, report);
            }
        }
        pool.shutdown();
        String base = ratchet.getFileName().toString().replace("-passing.txt", "");
        Path out = Path.of("target/" + base + "-conformance.txt");
        Files.createDirectories(out.getParent());
        StringBuilder summary = new StringBuilder();
        perOption.forEach((o, c) -> summary.append(String.format("  %-24s %4d of %4d%n", o, c[0], c[1])));
        Files.writeString(out, summary + report.toString());
        Path passingOut = Path.of("target/" + ratchet.getFileName());
        Files.write(passingOut, passing);
        int compared = perOption.values().stream().mapToInt(c -> c[1]).sum();
        System.out.println(name + " conformance (" + (full ? "full" : "default share; -D" + fullProperty
                + "=true for all") + "): " + passing.size() + " of " + compared + " (input, options) pairs match Pacemaker's"
                + " (details in " + out + "; without the " + unreadable.size() + " inputs Pacemaker's crm_mon cannot"
                + " read: " + unreadable + ")\n" + summary);
        Set<String> checked = new TreeSet<>();
        pairs.forEach(p -> checked.add(p.key()));
        Set<String> listed = new TreeSet<>();
        if (Files.exists(ratchet)) {
            for (String l : Files.readAllLines(ratchet)) {
                if (!l.isBlank() && !l.startsWith("#")) {
                    listed.add(l);
                }
            }
        }
        Set<String> regressed = new TreeSet<>(listed);
        regressed.retainAll(checked);
        regressed.removeAll(passing);
        Set<String> gained = new TreeSet<>(passing);
        gained.removeAll(listed);
        if (!gained.isEmpty()) {
            System.out.println(gained.size() + " pairs match that " + ratchet + " does not list; update it with a full"
                    + " run (-D" + fullProperty + "=true) and: cp cli/" + passingOut + " cli/" + ratchet);
        }
        assertTrue(regressed.isEmpty(), regressed.size() + " pairs that used to match now differ: " + regressed);
    }

    private static void firstDifference(Answer want, Answer got, StringBuilder report) {
        org.vigil.cli.FirstDifference.append(want.code(), want.out(), got.code(), got.out(), report);
    }
}
