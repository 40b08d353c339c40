package org.vigil.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cib.Cib;
import org.vigil.cib.CibVersion;
import org.vigil.cib.CibXml;

class CibStoreTest {
    @TempDir
    Path dir;

    /** A CIB with some bulk, so writes take long enough to be interrupted mid-way. */
    static Cib sampleCib(int resources) throws Exception {
        StringBuilder rs = new StringBuilder();
        for (int i = 0; i < resources; i++) {
            rs.append("<primitive id=\"vm").append(i).append("\" class=\"ocf\" provider=\"heartbeat\" type=\"Xen\">")
                    .append("<instance_attributes id=\"vm").append(i).append("-ia\"><nvpair id=\"vm").append(i)
                    .append("-x\" name=\"xmfile\" value=\"/etc/xen/cluster/vm").append(i).append(".cfg\"/>")
                    .append("</instance_attributes></primitive>");
        }
        return CibXml.parse("<cib admin_epoch=\"0\" epoch=\"1\" num_updates=\"0\" validate-with=\"pacemaker-3.0\">"
                + "<configuration><crm_config/><nodes><node id=\"1\" uname=\"server50\"/></nodes><resources>" + rs
                + "</resources><constraints/></configuration><status/></cib>");
    }

    private static Cib epoch(Cib cib, long epoch) {
        return cib.withVersion(new CibVersion(0, epoch, 0));
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void savedCibLoadsBackEqual() throws Exception {
        Cib cib = sampleCib(3);
        CibStore store = new CibStore(dir, 2);
        Path file = store.save(cib);
        CibStore.Loaded loaded = new CibStore(dir, 2).load().orElseThrow();
        assertEquals(cib, loaded.cib());
        assertEquals(file, loaded.file());
        assertEquals(List.of(), loaded.rejected());
        // the file stays a CIB Pacemaker's tools (and ours) read directly
        assertEquals(cib, CibXml.standard().read(file).cib());
    }

    @Test
    void keepsTheNewestAndTheLastBackups() throws Exception {
        CibStore store = new CibStore(dir, 2);
        for (int e = 1; e <= 6; e++) {
            store.save(epoch(sampleCib(1), e));
        }
        assertEquals(List.of("cib-0000000004.xml", "cib-0000000005.xml", "cib-0000000006.xml"),
                files().stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(6, store.load().orElseThrow().cib().version().epoch());
    }

    @Test
    void corruptedNewestFileIsDetectedAndTheBackupWins() throws Exception {
        CibStore store = new CibStore(dir, 2);
        store.save(epoch(sampleCib(2), 1));
        Path newest = store.save(epoch(sampleCib(2), 2));
        byte[] bytes = Files.readAllBytes(newest);
        int i = new String(bytes, StandardCharsets.UTF_8).indexOf("vm1.cfg");
        bytes[i] = 'X';
        Files.write(newest, bytes);
        CibStore.Loaded loaded = store.load().orElseThrow();
        assertEquals(1, loaded.cib().version().epoch());
        assertEquals(List.of(newest + ": checksum mismatch: the content is corrupted"), loaded.rejected());
    }

    @Test
    void tornFileIsDetectedAndTheBackupWins() throws Exception {
        CibStore store = new CibStore(dir, 2);
        store.save(epoch(sampleCib(2), 1));
        Path newest = store.save(epoch(sampleCib(2), 2));
        byte[] bytes = Files.readAllBytes(newest);
        Files.write(newest, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        CibStore.Loaded loaded = store.load().orElseThrow();
        assertEquals(1, loaded.cib().version().epoch());
        assertTrue(loaded.rejected().get(0).endsWith("no checksum trailer (torn write or not written by Vigil)"));
    }

    @Test
    void nothingIntactMeansNothingLoaded() throws Exception {
        CibStore store = new CibStore(dir, 0);
        Path only = store.save(sampleCib(1));
        Files.writeString(only, "garbage");
        assertTrue(store.load().isEmpty());
    }

    @Test
    void leftoverTemporaryFilesAreRemovedAndGenerationsContinue() throws Exception {
        CibStore store = new CibStore(dir, 1);
        store.save(epoch(sampleCib(1), 1));
        Files.writeString(dir.resolve(".cib-0000000002.xml.tmp"), "<cib half");
        CibStore reopened = new CibStore(dir, 1);
        assertEquals(List.of("cib-0000000001.xml"), files().stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(dir.resolve("cib-0000000002.xml"), reopened.save(epoch(sampleCib(1), 2)));
    }

    @Test
    @Timeout(60)
    void writerKilledMidWriteLeavesAnIntactCib() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int round = 0; round < 3; round++) {
            int killAfter = 5 + ThreadLocalRandom.current().nextInt(30);
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    CibStoreWriter.class.getName(), dir.toString()).redirectErrorStream(true).start();
            long lastSaved = 0;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (!line.startsWith("saved ")) {
                        throw new AssertionError("writer said: " + line);
                    }
                    lastSaved = Long.parseLong(line.substring(6));
                    if (lastSaved >= killAfter) {
                        p.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing
                        break;
                    }
                }
            }
            p.waitFor();
            CibStore.Loaded loaded = new CibStore(dir, 3).load().orElseThrow();
            assertTrue(loaded.cib().version().epoch() >= lastSaved,
                    "round " + round + ": loaded epoch " + loaded.cib().version().epoch() + ", acknowledged " + lastSaved);
            assertEquals(List.of(), loaded.rejected(), "completed renames are never torn");
            Files.list(dir).forEach(f -> f.toFile().delete());
        }
    }

    /** Everything under {@code root} that a user other than the owner (and not in the file's group) can read. */
    private static List<String> readableByOthers(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> {
                try {
                    return Files.getPosixFilePermissions(p).stream().anyMatch(x -> x.name().startsWith("OTHERS"));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(p -> root.relativize(p) + " " + mode(p)).toList();
        }
    }

    private static String mode(Path p) {
        try {
            return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void savedFilesAndCreatedDirectoriesAreReadableByTheOwnerOnly() throws Exception {
        Path state = dir.resolve("var/lib/vigil");
        CibStore store = new CibStore(state.resolve("cib"), 2);
        store.save(epoch(sampleCib(2), 1));
        Path file = store.save(epoch(sampleCib(2), 2));
        assertEquals(List.of(), readableByOthers(dir.resolve("var")));
        assertEquals("rw-------", mode(file));
        assertEquals("rwx------", mode(state.resolve("cib")));
        assertEquals("rwx------", mode(state));
    }

    @Test
    void openStateFromAnOlderVersionIsTightenedWithOneLogLine() throws Exception {
        Path cib = dir.resolve("cib");
        new CibStore(cib, 2).save(epoch(sampleCib(1), 1));
        Files.setPosixFilePermissions(cib, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(cib.resolve("cib-0000000001.xml"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        List<String> log = new java.util.ArrayList<>();
        CibStore store = new CibStore(cib, 2, null, log::add);
        assertEquals(1, log.size(), log.toString());
        assertTrue(log.get(0).contains(cib + " was open to other users (the directory 0755, 1 file such as "
                + "cib-0000000001.xml 0644); tightened to 0700 and files 0600"), log.get(0));
        assertEquals(List.of(), readableByOthers(cib));
        assertEquals("rwx------", mode(cib));
        assertTrue(store.load().isPresent());
        List<String> again = new java.util.ArrayList<>();
        new CibStore(cib, 2, null, again::add);
        assertEquals(List.of(), again, "private state is left alone, silently");
    }

    @Test
    void aConfiguredGroupMayReadButNobodyElse() throws Exception {
        String group = Files.readAttributes(dir, java.nio.file.attribute.PosixFileAttributes.class).group().getName();
        Path cib = dir.resolve("g/cib");
        Path file = new CibStore(cib, 2, group, line -> { }).save(epoch(sampleCib(1), 1));
        assertEquals("rw-r-----", mode(file));
        assertEquals("rwxr-x---", mode(cib));
        assertEquals(group, Files.readAttributes(file, java.nio.file.attribute.PosixFileAttributes.class).group()
                .getName());
        assertEquals(List.of(), readableByOthers(dir.resolve("g")));
    }

    @Test
    void anUnknownGroupIsRefusedByName() {
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> new CibStore(dir.resolve("cib"), 2, "no-such-group-vigil", line -> { }));
        assertEquals("group no-such-group-vigil does not exist", e.getMessage());
    }
}
