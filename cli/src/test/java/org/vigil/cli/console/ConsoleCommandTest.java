package org.vigil.cli.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cli.CliRunner;

class ConsoleCommandTest {
    @TempDir
    Path dir;

    @Test
    void usersAreAddedListedAndDeletedInAPrivateFileOfHashes() throws Exception {
        Path f = dir.resolve("users");
        CliRunner.Result add = new CliRunner(dir).stdin("a long password\n").sh("crm console user add alice --role admin --file " + f);
        assertEquals(0, add.code(), add.err());
        assertEquals(0, new CliRunner(dir).stdin("another password\n").sh("crm console user add bob --file " + f).code());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        String text = Files.readString(f);
        assertFalse(text.contains("a long password"), "only hashes are kept");
        assertTrue(text.startsWith("alice:admin:pbkdf2-sha256:"), text);
        assertEquals("alice admin\nbob read-only\n", new CliRunner(dir).sh("crm console user list --file " + f).out());
        assertEquals(0, new CliRunner(dir).sh("crm console user delete bob --file " + f).code());
        assertEquals("alice admin\n", new CliRunner(dir).env("VIGIL_CONSOLE_USERS", f.toString()).sh("crm console user list").out());
    }

    @Test
    void badUserCommandsAreRefusedWithOneLine() {
        Path f = dir.resolve("users");
        CliRunner.Result shortPw = new CliRunner(dir).stdin("short\n").sh("crm console user add alice --file " + f);
        assertEquals(1, shortPw.code());
        assertTrue(shortPw.err().contains("at least 8 characters"), shortPw.err());
        CliRunner.Result role = new CliRunner(dir).stdin("a long password\n").sh("crm console user add alice --role root --file " + f);
        assertEquals(2, role.code());
        assertTrue(role.err().contains("unknown role 'root'"), role.err());
        CliRunner.Result gone = new CliRunner(dir).sh("crm console user delete nobody --file " + f);
        assertEquals(1, gone.code());
        assertTrue(gone.err().contains("no console user 'nobody'"), gone.err());
        assertFalse(Files.exists(f), "refused changes leave no file");
        assertTrue(new CliRunner(dir).sh("crm console --help").out().contains("crm console user add alice --role admin"));
    }
}
