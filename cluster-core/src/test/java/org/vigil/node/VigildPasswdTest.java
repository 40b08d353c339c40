package org.vigil.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.metrics.PasswordFile;

class VigildPasswdTest {
    @TempDir
    Path dir;

    private int run(String stdin, String... args) {
        return new Vigild(new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))).run(args);
    }

    @Test
    void passwdStoresOnlyAHashAndReplacesAUsersPassword() throws Exception {
        Path users = dir.resolve("metrics-users");
        assertEquals(0, run("first\n", "passwd", users.toString(), "prom"));
        assertEquals(0, run("second\n", "passwd", users.toString(), "prom"));
        assertEquals(0, run("other\n", "passwd", users.toString(), "grafana"));
        String text = Files.readString(users);
        assertFalse(text.contains("second") || text.contains("first"), "no password in the file");
        PasswordFile f = PasswordFile.read(users);
        assertTrue(f.check("prom", "second"));
        assertFalse(f.check("prom", "first"));
        assertTrue(f.check("grafana", "other"));
        assertEquals(2, text.lines().count());
    }

    @Test
    void passwdWithoutPasswordOrUserIsRefused() {
        assertEquals(1, run("", "passwd", dir.resolve("u").toString(), "prom"));
        assertEquals(2, run("x\n", "passwd", dir.resolve("u").toString()));
        assertEquals(1, run("x\n", "passwd", dir.resolve("u").toString(), "bad:name"));
        assertFalse(Files.exists(dir.resolve("u")));
    }
}
