package org.vigil.cli.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;
import org.vigil.cib.NvSet;
import org.vigil.cli.CliContext;
import org.vigil.cli.CliException;

class FileCibClientTest {
    private final StringWriter notices = new StringWriter();

    private FileCibClient client(Path file, ChangeValidator v) {
        return new FileCibClient(file, v, new PrintWriter(notices, true));
    }

    private static Cib withProperty(Cib cib, String name, String value) {
        return cib.withConfiguration(cib.configuration().withClusterProperties(
                List.of(NvSet.of("cib-bootstrap-options", List.of()).with(name, value))));
    }

    @Test
    void firstChangeCreatesTheFileAtEpochOne(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cib.xml");
        Cib stored = client(f, ChangeValidator.ACCEPT_ALL).apply(c -> withProperty(c, "stonith-enabled", "false"));
        assertEquals(1, stored.version().epoch());
        assertEquals(stored, CibXml.parse(Files.readString(f)));
        assertTrue(notices.toString().contains("did not exist; created a new CIB"));
    }

    @Test
    void configurationChangeBumpsEpochAndResetsUpdates(@TempDir Path dir) {
        Path f = dir.resolve("cib.xml");
        FileCibClient c = client(f, ChangeValidator.ACCEPT_ALL);
        c.apply(x -> withProperty(x, "a", "1"));
        Cib second = c.apply(x -> withProperty(x, "a", "2"));
        assertEquals("0:2:0", second.version().toString());
    }

    @Test
    void statusOnlyChangeBumpsNumUpdates(@TempDir Path dir) {
        Path f = dir.resolve("cib.xml");
        FileCibClient c = client(f, ChangeValidator.ACCEPT_ALL);
        c.apply(x -> withProperty(x, "a", "1"));
        Cib s = c.apply(x -> x.withStatus(new org.vigil.cib.Status(List.of(new org.vigil.cib.NodeState("n1", "n1",
                "true", "online", "member", "member", Map.of(), null, null, List.of())), List.of())));
        assertEquals("0:1:1", s.version().toString());
    }

    @Test
    void noOpChangeWritesNothing(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cib.xml");
        FileCibClient c = client(f, ChangeValidator.ACCEPT_ALL);
        c.apply(x -> withProperty(x, "a", "1"));
        byte[] before = Files.readAllBytes(f);
        c.apply(x -> x);
        assertArrayEquals(before, Files.readAllBytes(f));
    }

    @Test
    void rejectedChangeLeavesTheFileByteForByteUnchanged(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cib.xml");
        client(f, ChangeValidator.ACCEPT_ALL).apply(x -> withProperty(x, "a", "1"));
        byte[] before = Files.readAllBytes(f);
        FileCibClient strict = client(f, (b, a) -> List.of("vm01: refers to resource nope, which does not exist"));
        CliException e = assertThrows(CliException.class, () -> strict.apply(x -> withProperty(x, "a", "2")));
        assertTrue(e.getMessage().startsWith("change rejected, CIB unchanged: vm01: refers"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(f));
        CliException thrown = assertThrows(CliException.class, () -> strict.apply(x -> {
            throw new CliException("refused by the change itself");
        }));
        assertEquals("refused by the change itself", thrown.getMessage());
        assertArrayEquals(before, Files.readAllBytes(f));
    }

    @Test
    void rejectedFirstChangeCreatesNoFile(@TempDir Path dir) {
        Path f = dir.resolve("cib.xml");
        assertThrows(CliException.class, () -> client(f, (b, a) -> List.of("no")).apply(x -> withProperty(x, "a", "1")));
        assertFalse(Files.exists(f));
        assertEquals("", notices.toString());
    }

    @Test
    void noTemporaryFilesAreLeftBehind(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cib.xml");
        client(f, ChangeValidator.ACCEPT_ALL).apply(x -> withProperty(x, "a", "1"));
        try (var s = Files.list(dir)) {
            assertEquals(List.of("cib.xml"), s.map(p -> p.getFileName().toString())
                    .filter(n -> !n.endsWith(".lock")).toList());
        }
    }

    @Test
    void gzippedCibStaysGzipped(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cib.xml.gz");
        client(f, ChangeValidator.ACCEPT_ALL).apply(x -> withProperty(x, "a", "1"));
        byte[] b = Files.readAllBytes(f);
        assertEquals((byte) 0x1f, b[0]);
        assertEquals("1", CibXml.standard().read(f).cib().configuration().clusterProperties().get(0).value("a")
                .orElseThrow());
    }

    @Test
    void unreadableCibIsAOneLineErrorNamingTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cib.xml");
        Files.writeString(f, "<cib><configuration>");
        CliException e = assertThrows(CliException.class, () -> client(f, ChangeValidator.ACCEPT_ALL).read());
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void withoutCibFileAndWithoutADaemonTheClientPointsToCibFile() {
        CliContext ctx = new CliContext(Map.of("VIGIL_SOCKET", "/nonexistent/vigil.sock"), System.in, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), Clock.systemUTC(), Path.of("."));
        CibClient c = CibClients.forContext(ctx, ChangeValidator.ACCEPT_ALL);
        CliException e = assertThrows(CliException.class, c::read);
        assertEquals("live cluster via /nonexistent/vigil.sock", c.describe());
        assertTrue(e.getMessage().startsWith("vigild is not running on this node (no socket at "
                + "/nonexistent/vigil.sock)"), e.getMessage());
        assertTrue(e.getMessage().contains("CIB_file"), e.getMessage());
    }

    private static String mode(Path f) throws Exception {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
    }

    @Test
    void aNewCibFileIsReadableByItsOwnerOnly(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cib.xml");
        client(f, ChangeValidator.ACCEPT_ALL).apply(c -> withProperty(c, "a", "1"));
        assertEquals("rw-------", mode(f));
    }

    @Test
    void anOfflineWriteKeepsTheFilesModeOwnerAndGroup(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cib.xml");
        FileCibClient c = client(f, ChangeValidator.ACCEPT_ALL);
        c.apply(x -> withProperty(x, "a", "1"));
        var lookup = f.getFileSystem().getUserPrincipalLookupService();
        boolean root = "root".equals(System.getProperty("user.name"));
        var view = Files.getFileAttributeView(f, java.nio.file.attribute.PosixFileAttributeView.class);
        if (root) {
            view.setOwner(lookup.lookupPrincipalByName("nobody"));
            view.setGroup(lookup.lookupPrincipalByGroupName("nogroup"));
        }
        var owner = view.readAttributes().owner();
        var group = view.readAttributes().group();
        Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        c.apply(x -> withProperty(x, "a", "2"));
        assertEquals("2", CibXml.parse(Files.readString(f)).configuration().clusterProperties().get(0).value("a").orElseThrow());
        assertEquals("rw-r--r--", mode(f));
        assertEquals(owner, Files.getOwner(f));
        assertEquals(group, Files.readAttributes(f, java.nio.file.attribute.PosixFileAttributes.class).group());
        assertEquals("", notices.toString().replaceAll("crm: CIB_file .* did not exist; created a new CIB there\\R", ""));
    }

    @Test
    void temporaryFilesOfAnInterruptedWriteAreCleanedUp(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cib.xml");
        FileCibClient c = client(f, ChangeValidator.ACCEPT_ALL);
        c.apply(x -> withProperty(x, "a", "1"));
        Files.writeString(dir.resolve(".cib.xml.8123456.tmp"), "<cib half");
        Files.writeString(dir.resolve(".other.xml.1.tmp"), "not ours");
        c.apply(x -> withProperty(x, "a", "2"));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(".cib.xml.lock", ".other.xml.1.tmp", "cib.xml"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
