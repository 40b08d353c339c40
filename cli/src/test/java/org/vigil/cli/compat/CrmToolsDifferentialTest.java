package org.vigil.cli.compat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;
import org.vigil.cib.Clone;
import org.vigil.cib.Group;
import org.vigil.cib.Node;
import org.vigil.cib.NodeState;
import org.vigil.cib.Primitive;
import org.vigil.cib.Resource;
import org.vigil.cli.CliRunner;

/**
 * The crm_resource / crm_attribute ratchet: on the shared Pacemaker scheduler inputs, a deterministic set of
 * read-only queries (chosen from each input's own resources, nodes and attributes) goes to Pacemaker 2.1.5's
 * installed tools (the oracle, run here on the same file) and to Vigil's; stdout and exit code must be
 * identical. A pair listed in crm-tools-passing.txt that no longer matches fails the build. The list holds the
 * pairs of every eighth input (sorted by name), {@code -Dvigil.crmtools.stride=8}, about 6 minutes on two cores;
 * by default every 24th input is checked (a third of the list, to keep the build short), and
 * {@code -Dvigil.crmtools.stride=1} runs them all.
 */
class CrmToolsDifferentialTest {
    private static final Path RATCHET = Path.of("src/test/resources/compat/crm-tools-passing.txt");

    record Answer(int code, String out) {}

    record Query(String tool, List<String> args) {
        String key() {
            return tool + " " + String.join(" ", args);
        }
    }

    static Path cases() {
        String prop = System.getProperty("vigil.shared.dir");
        Path dir = Path.of(prop != null ? prop : "../../shared").toAbsolutePath().normalize()
                .resolve("conformance/pacemaker-scheduler");
        Assumptions.assumeTrue(Files.isDirectory(dir), "skipped: Pacemaker cases not found at " + dir);
        return dir;
    }

    static Path tool(String name) {
        Path p = Path.of("/usr/sbin", name);
        Assumptions.assumeTrue(Files.isExecutable(p),
                "skipped: Pacemaker's " + name + " is not installed at " + p + " (Debian: pacemaker-cli-utils)");
        return p;
    }

    /** The queries asked of one input: the same for both tools, derived from the input itself. */
    static List<Query> queries(Cib cib) {
        List<Query> q = new ArrayList<>();
        for (String a : List.of("-l", "-L", "", "-O", "-o", "--why", "-r nosuch -W", "-W")) {
            q.add(new Query("crm_resource", a.isEmpty() ? List.of() : List.of(a.split(" "))));
        }
        List<String> targets = new ArrayList<>();
        Primitive firstPrimitive = null;
        for (Resource r : cib.configuration().resources()) {
            if (r instanceof Primitive p && firstPrimitive == null) {
                firstPrimitive = p;
                targets.add(p.id());
            }
        }
        cib.configuration().resources().stream().filter(r -> r instanceof Group).findFirst()
                .ifPresent(g -> targets.add(((Group) g).children().get(0).id()));
        cib.configuration().resources().stream().filter(r -> r instanceof Clone).findFirst().ifPresent(c -> {
            targets.add(c.id());
            Resource child = ((Clone) c).child();
            if (child instanceof Primitive) {
                targets.add(child.id());
                targets.add(child.id() + ":0");
            }
        });
        for (String t : targets) {
            for (String a : List.of("-W", "-a", "-A", "--why", "-q", "-Q -W")) {
                List<String> args = new ArrayList<>(List.of("-r", t));
                args.addAll(List.of(a.split(" ")));
                q.add(new Query("crm_resource", args));
            }
        }
        // read-only queries added with the full option inventory (docs/crm.md): the dry run of a refresh on a
        // CIB file, raw XML, constraints of the member itself, unknown resources and nodes
        q.add(new Query("crm_resource", List.of("-R")));
        q.add(new Query("crm_resource", List.of("-r", "nosuch", "-q")));
        q.add(new Query("crm_resource", List.of("-r", "nosuch", "-a")));
        if (targets.size() > 1) {
            q.add(new Query("crm_resource", List.of("-r", targets.get(1), "-a", "--force")));
        }
        if (!targets.isEmpty()) {
            q.add(new Query("crm_resource", List.of("-r", targets.get(0), "-w")));
            q.add(new Query("crm_resource", List.of("-r", targets.get(0), "-a", "--recursive")));
            q.add(new Query("crm_resource", List.of("-r", targets.get(0), "-z", "-g", "capacity")));
        }
        if (firstPrimitive != null) {
            String id = firstPrimitive.id();
            firstPrimitive.instanceAttributes().stream().flatMap(s -> s.pairs().stream()).findFirst()
                    .ifPresent(p -> q.add(new Query("crm_resource", List.of("-r", id, "-g", p.name()))));
            q.add(new Query("crm_resource", List.of("-r", id, "-m", "-g", "target-role")));
            q.add(new Query("crm_resource", List.of("-r", id, "-g", "nosuch")));
        }
        // crm_attribute
        q.add(new Query("crm_attribute", List.of("-G")));
        q.add(new Query("crm_attribute", List.of("-n", "nosuch", "-G")));
        q.add(new Query("crm_attribute", List.of("-n", "nosuch", "-G", "-d", "dflt")));
        cib.configuration().clusterProperties().stream().flatMap(s -> s.pairs().stream()).findFirst().ifPresent(p -> {
            q.add(new Query("crm_attribute", List.of("-n", p.name(), "-G")));
            q.add(new Query("crm_attribute", List.of("-n", p.name(), "-G", "-q")));
        });
        if (!cib.configuration().nodes().isEmpty()) {
            Node n = cib.configuration().nodes().get(0);
            q.add(new Query("crm_attribute", List.of("-N", n.uname(), "-G")));
            q.add(new Query("crm_attribute", List.of("-N", n.uname(), "-n", "nosuch", "-G")));
            n.instanceAttributes().stream().flatMap(s -> s.pairs().stream()).findFirst().ifPresent(p -> q.add(
                    new Query("crm_attribute", List.of("-N", n.uname(), "-n", p.name(), "-G", "-q"))));
            for (NodeState ns : cib.status().nodeStates()) {
                if (n.uname().equals(ns.uname()) && ns.transientAttributes() != null) {
                    ns.transientAttributes().sets().stream().flatMap(s -> s.pairs().stream()).findFirst()
                            .ifPresent(p -> q.add(new Query("crm_attribute",
                                    List.of("-N", n.uname(), "-n", p.name(), "-G", "-l", "reboot"))));
                }
            }
            q.add(new Query("crm_resource", List.of("-O", "-N", n.uname())));
        }
        q.add(new Query("crm_attribute", List.of("-N", "nosuchnode", "-n", "foo", "-G")));
        q.add(new Query("crm_attribute", List.of("-t", "tickets", "-G")));
        cib.configuration().clusterProperties().stream().findFirst().ifPresent(set -> {
            q.add(new Query("crm_attribute", List.of("-s", set.id(), "-G")));
            set.pairs().stream().findFirst().ifPresent(p -> {
                q.add(new Query("crm_attribute", List.of("-i", p.id(), "-G")));
                q.add(new Query("crm_attribute", List.of("-V", "-n", p.name(), "-G", "-q")));
            });
        });
        if (!cib.configuration().nodes().isEmpty()) {
            Node n = cib.configuration().nodes().get(0);
            q.add(new Query("crm_resource", List.of("-R", "-N", n.uname())));
            q.add(new Query("crm_resource", List.of("--why", "-N", n.uname())));
            q.add(new Query("crm_attribute", List.of("-N", n.uname(), "-z", "-G")));
            q.add(new Query("crm_attribute", List.of("-N", n.uname(), "-l", "reboot", "-P", "fail|master", "-G")));
            cib.configuration().resources().stream().filter(r -> r instanceof Clone c && c.promotable())
                    .findFirst().ifPresent(c -> q.add(new Query("crm_attribute",
                            List.of("-p", ((Clone) c).child().id(), "-N", n.uname(), "-G"))));
        }
        // the lists again with --text-fancy's headers and bullets
        List<Query> fancy = new ArrayList<>();
        for (Query query : q) {
            if (query.tool().equals("crm_resource") && (List.of(List.of("-l"), List.of("--why"), List.of("-o"))
                    .contains(query.args()) || query.args().size() == 3 && query.args().get(2).equals("-W"))) {
                List<String> args = new ArrayList<>(query.args());
                args.add("--text-fancy");
                fancy.add(new Query(query.tool(), args));
            }
        }
        // every query again as scripts parse it, --output-as xml (the refresh dry run crashes Pacemaker's tool)
        List<Query> xml = new ArrayList<>();
        for (Query query : q) {
            if (!query.args().contains("-R")) {
                List<String> args = new ArrayList<>(query.args());
                args.addAll(List.of("--output-as", "xml"));
                xml.add(new Query(query.tool(), args));
            }
        }
        q.addAll(xml);
        q.addAll(fancy);
        return q;
    }

    static Answer pacemaker(Path xml, Query q) throws IOException, InterruptedException {
        // named as a script calls it: the XML answer quotes the command line, argv[0] included
        List<String> cmd = new ArrayList<>(List.of("/bin/bash", "-c", "exec -a \"$0\" \"" + tool(q.tool()) + "\" \"$@\"",
                q.tool()));
        cmd.addAll(q.args());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("CIB_file", xml.toString());
        pb.environment().put("TZ", "UTC");
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Answer(-1, "timed out");
        }
        return new Answer(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    static Answer vigil(Path tmp, Path xml, Query q) {
        List<String> args = new ArrayList<>();
        args.add(q.tool());
        args.addAll(q.args());
        CliRunner.Result r = new CliRunner(tmp).env("CIB_file", xml.toString()).env("TZ", "UTC")
                .run(args.toArray(new String[0]));
        return new Answer(r.code(), r.out());
    }

    @Test
    void listedQueriesStillAnswerAsPacemakersTools(@TempDir Path tmp) throws Exception {
        tool("crm_resource");
        tool("crm_attribute");
        Path dir = cases();
        int stride = Integer.getInteger("vigil.crmtools.stride", 24);
        List<Path> inputs;
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> all = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
            inputs = new ArrayList<>();
            for (int i = 0; i < all.size(); i += stride) {
                inputs.add(all.get(i));
            }
        }
        record Pair(String name, Path xml, Query q, Future<Answer> want) {}
        // the oracle is a process per query: run them side by side while Vigil answers in-process
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Pair> pairs = new ArrayList<>();
        for (Path xml : inputs) {
            Cib cib;
            try {
                cib = CibXml.parse(Files.readString(xml));
            } catch (Exception e) {
                continue;
            }
            String name = xml.getFileName().toString().replaceFirst("\\.xml$", "");
            for (Query q : queries(cib)) {
                pairs.add(new Pair(name, xml, q, pool.submit(() -> pacemaker(xml, q))));
            }
        }
        Set<String> passing = new TreeSet<>();
        StringBuilder report = new StringBuilder();
        for (Pair p : pairs) {
            Answer want = p.want().get();
            Answer got;
            try {
                got = vigil(tmp, p.xml(), p.q());
            } catch (RuntimeException e) {
                got = new Answer(-2, "crash: " + e);
            }
            String key = p.name() + "\t" + p.q().key();
            if (want.equals(got)) {
                passing.add(key);
            } else {
                report.append("== ").append(p.name()).append(" [").append(p.q().key()).append("]\n");
                firstDifference(want, got, report);
            }
        }
        pool.shutdown();
        Path out = Path.of("target/crm-tools-conformance.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        Files.write(Path.of("target/crm-tools-passing.txt"), passing);
        System.out.println("crm_resource/crm_attribute conformance: " + passing.size() + " of " + pairs.size()
                + " (input, query) pairs on " + inputs.size() + " inputs answer as Pacemaker's (details in " + out
                + ")");
        Set<String> listed = new TreeSet<>();
        if (Files.exists(RATCHET)) {
            for (String l : Files.readAllLines(RATCHET)) {
                if (!l.isBlank() && !l.startsWith("#")) {
                    listed.add(l);
                }
            }
        }
        if (stride != 8) {
            listed.removeIf(l -> !passing.contains(l) && inputs.stream().noneMatch(
                    x -> x.getFileName().toString().equals(l.substring(0, l.indexOf('\t')) + ".xml")));
        }
        Set<String> regressed = new TreeSet<>(listed);
        regressed.removeAll(passing);
        if (passing.size() > listed.size()) {
            System.out.println("More pairs match than " + RATCHET + " lists; update it with: "
                    + "cp cli/target/crm-tools-passing.txt cli/" + RATCHET);
        }
        assertTrue(regressed.isEmpty(), regressed.size() + " pairs that used to match now differ: " + regressed);
    }

    private static void firstDifference(Answer want, Answer got, StringBuilder report) {
        org.vigil.cli.FirstDifference.append(want.code(), want.out(), got.code(), got.out(), report);
    }
}
