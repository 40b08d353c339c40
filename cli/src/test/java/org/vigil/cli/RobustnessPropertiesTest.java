package org.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/** Garbage in gives a clear error and leaves the CIB file alone; never a stack trace. */
class RobustnessPropertiesTest {
    private Path dir;
    private byte[] original;

    @BeforeProperty
    void setUp() throws Exception {
        dir = Files.createTempDirectory("crm-robust");
        CliRunner crm = CliRunner.withCib(dir, "cib.xml");
        crm.sh("crm configure property stonith-enabled=false");
        crm.sh("crm configure primitive vm01 ocf:heartbeat:Xen params xmfile=/etc/xen/vm01.cfg op monitor interval=30s");
        original = Files.readAllBytes(dir.resolve("cib.xml"));
    }

    @AfterProperty
    void tearDown() throws Exception {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void assertNoTrace(CliRunner.Result r) {
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
        assertFalse(r.err().contains("internal error"), r.err());
    }

    @Property(tries = 120)
    void randomBytesLoadedAsConfigurationNeverChangeTheCibWhenRejected(@ForAll @Size(max = 300) byte[] bytes)
            throws Exception {
        Path f = dir.resolve("garbage.crm");
        Files.write(f, bytes);
        CliRunner.Result r = CliRunner.withCib(dir, "cib.xml").run("configure", "load", "update", f.toString());
        assertNoTrace(r);
        if (r.code() != 0) {
            assertTrue(r.code() == 1, "exit code " + r.code());
            assertFalse(r.err().isBlank());
            assertArrayEquals(original, Files.readAllBytes(dir.resolve("cib.xml")));
        } else {
            Files.write(dir.resolve("cib.xml"), original);
        }
    }

    @Property(tries = 150)
    void randomWordsAsAnObjectCommandGiveAClearError(@ForAll @Size(max = 8) java.util.List<String> words,
            @ForAll boolean primitive) throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>();
        args.add("configure");
        args.add(primitive ? "primitive" : "location");
        args.addAll(words);
        CliRunner.Result r = CliRunner.withCib(dir, "cib.xml").run(args.toArray(new String[0]));
        assertNoTrace(r);
        if (r.code() != 0) {
            if (r.code() == 1) {
                org.junit.jupiter.api.Assertions.assertEquals(1, r.err().lines().count(), r.err());
            }
            assertArrayEquals(original, Files.readAllBytes(dir.resolve("cib.xml")));
        } else {
            Files.write(dir.resolve("cib.xml"), original);
        }
    }

    @Property(tries = 40)
    void aCorruptCibFileIsReportedNotThrown(@ForAll @Size(max = 200) byte[] bytes) throws Exception {
        Path f = dir.resolve("corrupt.xml");
        Files.write(f, bytes);
        CliRunner crm = CliRunner.withCib(dir, "corrupt.xml");
        for (String[] cmd : new String[][] {{"status"}, {"configure", "show"}, {"verify"},
            {"configure", "property", "a=b"}}) {
            CliRunner.Result r = crm.run(cmd);
            assertNoTrace(r);
            if (r.code() != 0) {
                assertArrayEquals(bytes, Files.readAllBytes(f));
            }
        }
    }
}
