package org.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/lib/launcher.sh: one logic for every script in bin/, a stale jar noticed, VIGIL_JAVA_OPTS one meaning. */
class LauncherScriptTest {
    private static final Path BIN = Path.of("..", "bin").toAbsolutePath().normalize();
    private static final String HEADER = "s=${BASH_SOURCE[0]}; [[ -L $s ]] && s=$(readlink -f \"$s\"); [[ $s = */* ]]"
            + " || s=./$s\n. \"${s%/*}/lib/launcher.sh\"";

    @Test
    void everyScriptInBinSourcesTheLauncher() throws IOException {
        List<String> without = new ArrayList<>();
        try (Stream<Path> files = Files.list(BIN)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (!Files.readString(f).contains(HEADER)) {
                    without.add(f.getFileName().toString());
                }
            }
        }
        assertEquals(List.of(), without);
    }

    @Test
    void aJarOlderThanItsSourcesIsNoticed(@TempDir Path tree) throws Exception {
        Path jar = fakeTree(tree);
        Path source = tree.resolve("cluster-core/src/main/java/X.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class X {}");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        String[] out = bash(tree, "vigil_jar crm cli vigil-cli.jar; wait; echo \"$vigil_jar_path\"");
        assertEquals(tree.resolve("cli/target/vigil-cli.jar") + "\n", out[0]);
        assertEquals("crm: note: cli/target/vigil-cli.jar is older than cluster-core/src/main/java/X.java (rebuild: mvn"
                + " -q -DskipTests -pl cli -am package)\n", out[1]);
    }

    @Test
    void aModuleBelowIsComparedWithTheCopyTheLauncherRuns(@TempDir Path tree) throws Exception {
        Path jar = fakeTree(tree);
        Path copy = jar.resolveSibling("lib/cluster-core-0.1.0.jar");
        Files.createDirectories(copy.getParent());
        Files.write(copy, new byte[0]);
        Path source = tree.resolve("cluster-core/src/main/java/X.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class X {}");
        long now = System.currentTimeMillis();
        // Maven left the unchanged cli jar as it was and copied the rebuilt cluster-core jar: nothing is stale
        Files.setLastModifiedTime(jar, FileTime.fromMillis(now - 120_000));
        Files.setLastModifiedTime(source, FileTime.fromMillis(now - 60_000));
        Files.setLastModifiedTime(copy, FileTime.fromMillis(now));
        assertEquals("", bash(tree, "vigil_jar crm cli vigil-cli.jar; wait")[1]);
        // the copy is older than the source: it is the one named
        Files.setLastModifiedTime(copy, FileTime.fromMillis(now - 90_000));
        assertEquals("crm: note: cli/target/lib/cluster-core-0.1.0.jar is older than cluster-core/src/main/java/X.java"
                + " (rebuild: mvn -q -DskipTests -pl cli -am package)\n", bash(tree, "vigil_jar crm cli vigil-cli.jar; wait")[1]);
    }

    @Test
    void aJarNewerThanItsSourcesIsUsedQuietly(@TempDir Path tree) throws Exception {
        Path jar = fakeTree(tree);
        Path source = tree.resolve("cli/src/main/java/X.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class X {}");
        Files.setLastModifiedTime(source, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis()));
        String[] out = bash(tree, "vigil_jar crm cli vigil-cli.jar; wait; echo \"$vigil_jar_path\"");
        assertEquals("", out[1]);
    }

    @Test
    void vigilJavaOptsComeLastAndTheirCollectorReplacesTheDefault(@TempDir Path tree) throws Exception {
        fakeTree(tree);
        String[] out = bash(tree, "VIGIL_JAVA_OPTS='-XX:+UseG1GC -Xmx1g'; vigil_java_opts -XX:+UseSerialGC -Da=1;"
                + " echo \"${vigil_opts[*]}\"; VIGIL_JAVA_OPTS=; vigil_java_opts -XX:+UseSerialGC; echo \"${vigil_opts[*]}\"");
        assertEquals("-Da=1 -XX:+UseG1GC -Xmx1g\n-XX:+UseSerialGC\n", out[0]);
    }

    @Test
    void vigilJavaOptsSettingTheCompilerReplaceTheDefaultCompilerSettings(@TempDir Path tree) throws Exception {
        fakeTree(tree);
        // the default one C1 thread would make a JVM told to use both tiers refuse to start
        String[] out = bash(tree, "VIGIL_JAVA_OPTS='-XX:TieredStopAtLevel=4'; vigil_java_opts -XX:TieredStopAtLevel=1"
                + " -XX:CICompilerCount=1 -Da=1; echo \"${vigil_opts[*]}\"");
        assertEquals("-Da=1 -XX:TieredStopAtLevel=4\n", out[0]);
    }

    @Test
    void theClassDataArchiveIsUsedOnlyForTheJarItWasMadeFor(@TempDir Path tree) throws Exception {
        Path jar = fakeTree(tree);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Path jsa = jar.resolveSibling("vigil-cli.jsa");
        Files.write(jsa, new byte[0]);
        String use = "vigil_opts=(); vigil_cds \"$vigil_root/cli/target/vigil-cli.jar\"; echo \"${vigil_opts[*]}\"";
        assertEquals("\n", bash(tree, use)[0], "no record of the jar it was made for");
        Files.writeString(jsa.resolveSibling("vigil-cli.jsa.classpath"), tree.resolve("elsewhere/vigil-cli.jar") + "\n");
        assertEquals("\n", bash(tree, use)[0], "made for another jar");
        Files.writeString(jsa.resolveSibling("vigil-cli.jsa.classpath"), jar + "\n");
        assertEquals("-XX:SharedArchiveFile=" + jsa + " -Xshare:auto -Xlog:cds=off\n", bash(tree, use)[0]);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertEquals("\n", bash(tree, use)[0], "older than the jar");
    }

    @Test
    void theRootIsFoundHoweverTheLauncherIsReached(@TempDir Path tree) throws Exception {
        fakeTree(tree);
        String[] out = bash(tree, "echo \"$vigil_root\"");
        assertEquals(tree + "\n", out[0]);
    }

    /** A checkout with the real launcher and an empty cli jar; returns the jar. */
    private static Path fakeTree(Path tree) throws IOException {
        Path lib = Files.createDirectories(tree.resolve("bin/lib"));
        Files.copy(BIN.resolve("lib/launcher.sh"), lib.resolve("launcher.sh"));
        Path jar = Files.createDirectories(tree.resolve("cli/target")).resolve("vigil-cli.jar");
        Files.write(jar, new byte[0]);
        return jar;
    }

    /** Runs {@code script} after sourcing the tree's launcher; stdout and stderr. */
    private static String[] bash(Path tree, String script) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", ". \"$0/bin/lib/launcher.sh\"; " + script, tree.toString())
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        return new String[] {out, err};
    }
}
