package org.vigil.cli.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cli.CliRunner;

class ConsoleCommandTest {
    @TempDir
    Path dir;

    @Test
    void consoleSaysPlainlyThatItIsNotImplemented() {
        CliRunner.Result r = new CliRunner(dir).sh("crm console user add alice --role admin");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("the web console is not implemented yet"), r.err());
        assertTrue(new CliRunner(dir).sh("crm console --help").out().contains("NOT IMPLEMENTED"));
    }
}
