package org.vigil.cli.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;
import org.vigil.cib.Configuration;
import org.vigil.cli.CliRunner;
import org.vigil.cli.shell.ConfigApplier;
import org.vigil.cli.shell.ConfigParser;

/**
 * Differential test against Pacemaker's {@code crm_verify -x}: a seeded corpus of changes is applied offline to a
 * base CIB through the real {@code crm} commands (in this JVM). Every change crm accepts must give a CIB that
 * crm_verify accepts too; a refused change must leave the file byte-identical, with one line of error and never
 * an internal error. For refused changes it also measures how often {@code crm verify} flags the CIB the change
 * would have made when crm_verify rejects that CIB (a sample; {@code -Dvigil.fuzz.full=true} checks them all).
 */
class CrmVerifyDifferentialTest {
    static final long SEED = Long.getLong("vigil.fuzz.seed", 20261205L);
    static final int INPUTS = Integer.getInteger("vigil.fuzz.inputs", 1200);
    static final int AGREEMENT_SAMPLE = Boolean.getBoolean("vigil.fuzz.full") ? Integer.MAX_VALUE : 120;

    @TempDir
    Path dir;

    record Verdict(boolean valid, String output) {}

    static Verdict crmVerify(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("crm_verify", "-V", "-x", file.toString()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("crm_verify did not finish on " + file);
        }
        return new Verdict(p.exitValue() == 0, new String(out, StandardCharsets.UTF_8));
    }

    static boolean crmVerifyInstalled() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/usr/sbin").split(":")) {
            if (Files.isExecutable(Path.of(d, "crm_verify"))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void acceptedChangesAreValidForCrmVerifyAndRefusedOnesChangeNothing() throws Exception {
        Assumptions.assumeTrue(crmVerifyInstalled(),
                "skipped: Pacemaker's crm_verify is not installed (Debian package pacemaker-cli-utils)");
        CliRunner crm = CliRunner.withCib(dir, "cib.xml").env("OCF_ROOT", "/usr/lib/ocf");
        for (String s : FuzzCorpus.BASE) {
            CliRunner.Result r = crm.run(CliRunner.words("configure " + s).toArray(new String[0]));
            assertEquals(0, r.code(), s + ": " + r.err());
        }
        Path cibFile = dir.resolve("cib.xml");
        byte[] base = Files.readAllBytes(cibFile);
        Verdict baseVerdict = crmVerify(cibFile);
        assertTrue(baseVerdict.valid(), "the base CIB must be valid for crm_verify: " + baseVerdict.output());
        Cib baseCib = CibXml.parse(new String(base, StandardCharsets.UTF_8));

        List<FuzzCorpus.Input> corpus = new FuzzCorpus(SEED).generate(INPUTS);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Verdict>> verdicts = new ArrayList<>();
        List<FuzzCorpus.Input> accepted = new ArrayList<>();
        List<FuzzCorpus.Input> rejected = new ArrayList<>();
        List<String> internal = new ArrayList<>();
        List<String> changedAfterReject = new ArrayList<>();
        List<String> notOneLine = new ArrayList<>();
        try {
            for (int i = 0; i < corpus.size(); i++) {
                FuzzCorpus.Input in = corpus.get(i);
                Files.write(cibFile, base);
                CliRunner.Result r = crm.stdin(in.stdin() == null ? "" : in.stdin())
                        .run(in.args().toArray(new String[0]));
                if (r.err().contains("internal error") || r.err().contains("Exception") || (r.code() != 0
                        && r.code() != 1 && r.code() != 2)) {
                    internal.add(in.show() + " -> " + r.code() + " " + r.err().strip());
                }
                byte[] after = Files.readAllBytes(cibFile);
                if (r.code() == 0) {
                    Path copy = dir.resolve("accepted-" + i + ".xml");
                    Files.write(copy, after);
                    accepted.add(in);
                    verdicts.add(pool.submit(() -> crmVerify(copy)));
                } else {
                    rejected.add(in);
                    if (!Arrays.equals(base, after)) {
                        changedAfterReject.add(in.show());
                    }
                    if (r.err().strip().lines().count() != 1) {
                        notOneLine.add(in.show() + " -> " + r.err().strip());
                    }
                }
            }
            List<String> acceptedButInvalid = new ArrayList<>();
            for (int i = 0; i < accepted.size(); i++) {
                Verdict v = verdicts.get(i).get(120, TimeUnit.SECONDS);
                if (!v.valid()) {
                    acceptedButInvalid.add(accepted.get(i).show() + "\n    crm_verify: "
                            + v.output().strip().replace("\n", "\n    "));
                }
            }
            String summary = corpus.size() + " inputs: " + accepted.size() + " accepted, " + rejected.size()
                    + " rejected, " + acceptedButInvalid.size() + " accepted-but-crm_verify-rejects, "
                    + internal.size() + " internal errors, " + changedAfterReject.size() + " changed-after-reject";
            System.out.println(summary);
            System.out.println(agreement(crm, baseCib, rejected, pool));
            assertTrue(acceptedButInvalid.isEmpty(), summary + "\n" + first(acceptedButInvalid));
            assertTrue(internal.isEmpty(), summary + "\n" + first(internal));
            assertTrue(changedAfterReject.isEmpty(), summary + "\n" + first(changedAfterReject));
            assertTrue(notOneLine.isEmpty(), "refusals must be one line:\n" + first(notOneLine));
            assertTrue(accepted.size() >= INPUTS / 5 && rejected.size() >= INPUTS / 5,
                    "the corpus must exercise both sides: " + summary);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String first(List<String> l) {
        return String.join("\n", l.subList(0, Math.min(Integer.getInteger("vigil.fuzz.show", 15), l.size())));
    }

    /**
     * For a sample of refused changes: the CIB the change would have produced without the gate, checked by
     * crm_verify and by {@code crm verify}. Agreement = of those crm_verify rejects, how many crm verify flags.
     */
    private String agreement(CliRunner crm, Cib base, List<FuzzCorpus.Input> rejected, ExecutorService pool)
            throws Exception {
        List<FuzzCorpus.Input> sample = new ArrayList<>(rejected);
        java.util.Collections.shuffle(sample, new Random(SEED));
        sample = sample.subList(0, Math.min(AGREEMENT_SAMPLE, sample.size()));
        int built = 0;
        int pacemakerRejects = 0;
        int weFlag = 0;
        int weFlagOnly = 0;
        List<String> missed = new ArrayList<>();
        Path file = dir.resolve("unguarded.xml");
        CliRunner verify = new CliRunner(dir).env("CIB_file", file.toString()).env("OCF_ROOT", "/usr/lib/ocf");
        for (FuzzCorpus.Input in : sample) {
            Configuration c;
            try {
                c = in.stdin() != null
                        ? ConfigApplier.apply(base.configuration(), ConfigParser.parseText(in.stdin()),
                                ConfigApplier.Mode.UPDATE)
                        : ConfigApplier.apply(base.configuration(),
                                List.of(ConfigParser.parseArguments(in.args().subList(1, in.args().size()))),
                                ConfigApplier.Mode.CREATE);
            } catch (RuntimeException e) {
                continue; // refused by the parser or applier: there is no configuration to compare
            }
            built++;
            Files.writeString(file, CibXml.write(base.withConfiguration(c)), StandardCharsets.UTF_8);
            Verdict pacemaker = pool.submit(() -> crmVerify(file)).get(120, TimeUnit.SECONDS);
            boolean ours = verify.run("verify").code() != 0;
            if (!pacemaker.valid()) {
                pacemakerRejects++;
                if (ours) {
                    weFlag++;
                } else {
                    missed.add(in.show());
                }
            } else if (ours) {
                weFlagOnly++;
            }
        }
        assertTrue(missed.isEmpty(), "crm verify missed what crm_verify rejects:\n" + first(missed));
        return "crm verify agreement on " + built + " unguarded CIBs of refused changes (sample of "
                + sample.size() + "): crm_verify rejects " + pacemakerRejects + ", crm verify flags " + weFlag
                + " of them; crm verify alone flags " + weFlagOnly;
    }
}
