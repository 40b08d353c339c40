package org.vigil.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VigildCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Vigild(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private Path copy(String resource) throws Exception {
        Path f = dir.resolve(resource);
        try (InputStream in = getClass().getResourceAsStream("/corosync/" + resource)) {
            Files.copy(in, f);
        }
        return f;
    }

    @Test
    void keygenWritesOwnerReadOnlyRandomKey() throws Exception {
        Path key = dir.resolve("etc/authkey");
        assertEquals(0, run("keygen", "--output", key.toString()));
        assertEquals(ClusterKey.SIZE, Files.size(key));
        assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals(ClusterKey.SIZE, ClusterKey.read(key).length);
    }

    @Test
    void keygenRefusesToOverwriteWithoutForce() throws Exception {
        Path key = dir.resolve("authkey");
        assertEquals(0, run("keygen", "--output", key.toString()));
        byte[] first = Files.readAllBytes(key);
        assertEquals(1, run("keygen", "--output", key.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("use --force"), err.toString(StandardCharsets.UTF_8));
        assertArrayEquals(first, Files.readAllBytes(key));
        assertEquals(0, run("keygen", "--output", key.toString(), "--force"));
        assertFalse(java.util.Arrays.equals(first, Files.readAllBytes(key)));
        assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void checkConfigPrintsWhatItUnderstoodAndExitsZero() throws Exception {
        Path conf = copy("corosync-4node-rrp.conf");
        assertEquals(0, run("--config", conf.toString(), "--check-config"));
        String o = out.toString(StandardCharsets.UTF_8);
        assertTrue(o.contains("node server52: nodeid 52, 1 vote, addresses 192.168.1.52 192.168.2.52"), o);
        assertTrue(o.contains("quorum: votequorum, expected votes 4, quorum 3"), o);
        assertTrue(o.contains("configuration is usable (4 warnings)"), o);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(conf + ":9: warning: totem.interface.mcastaddr"));
    }

    @Test
    void checkConfigExitsOneWithOneLineErrors() throws Exception {
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, "totem {\n  version: 3\n");
        assertEquals(1, run("--config", conf.toString(), "--check-config"));
        assertEquals(conf + ":1: section 'totem' is not closed: expected '}' before the end of the file\n"
                + "configuration is NOT usable\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void checkConfigReportsMissingFile() {
        assertEquals(1, run("--config", dir.resolve("nope.conf").toString(), "--check-config"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith(dir.resolve("nope.conf") + ": cannot read"));
    }

    @Test
    void unknownArgumentIsAUsageError() {
        assertEquals(2, run("--frobnicate"));
    }

    private Path configWithKey(Path key) throws Exception {
        Path f = dir.resolve("corosync.conf");
        Files.writeString(f, """
                totem {
                    version: 2
                    cluster_name: pair
                    crypto_cipher: aes256
                    crypto_hash: sha256
                    keyfile: %s
                }
                nodelist {
                    node {
                        name: alpha
                        nodeid: 1
                        ring0_addr: 127.0.0.1
                    }
                    node {
                        name: beta
                        nodeid: 2
                        ring0_addr: 127.0.0.2
                    }
                }
                quorum {
                    provider: corosync_votequorum
                    two_node: 1
                }
                """.formatted(key));
        return f;
    }

    private String checkFails(Path conf) {
        out.reset();
        err.reset();
        assertEquals(1, run("--config", conf.toString(), "--check-config"));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.endsWith("configuration is NOT usable (1 error)\n"), e);
        return e;
    }

    @Test
    void checkConfigRefusesAKeyTheDaemonWouldRefuse() throws Exception {
        Path key = dir.resolve("authkey");
        Path conf = configWithKey(key);
        assertTrue(checkFails(conf).contains("cannot read the cluster key " + key + ": no such file (make it with "
                + "'vigild keygen' and copy it to every node)\n"));
        assertEquals(0, run("keygen", "--output", key.toString()));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        assertTrue(checkFails(conf).contains("cannot read the cluster key " + key + ": mode 0644: the cluster key "
                + "must be readable by its owner only (chmod 0400)"));
        Files.delete(key);
        Files.write(key, new byte[16]);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("r--------"));
        assertTrue(checkFails(conf).contains("cannot read the cluster key " + key + ": a cluster key has at least 32 "
                + "bytes, this file has 16"));
        Files.delete(key);
        out.reset();
        err.reset();
        assertEquals(0, run("keygen", "--output", key.toString()));
        assertEquals(0, run("--config", conf.toString(), "--check-config"), err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("configuration is usable"));
    }
}
