package org.vigil.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.ipc.FenceOutcome;

class FencingStoreTest {
    @TempDir
    Path dir;

    @Test
    void theHistoryComesBackAsStoredInAFileOnlyTheDaemonReads() throws IOException {
        FencingStore store = new FencingStore(dir);
        assertEquals(List.of(), store.load());
        List<FenceOutcome> h = List.of(new FenceOutcome("beta", "reboot", FenceOutcome.Status.DONE, "ipmi", "alpha",
                Instant.parse("2026-01-01T00:00:00Z"), "requested by the operator on alpha"),
                new FenceOutcome("gamma", "off", FenceOutcome.Status.FAILED, null, "beta",
                        Instant.parse("2026-01-01T00:01:00Z"), "node gamma was lost or unclean; failed: timeout"));
        store.save(h);
        assertEquals(h, store.load());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
        store.save(h.subList(0, 1));
        assertEquals(h.subList(0, 1), store.load());
    }

    @Test
    void aDamagedHistoryIsOneLineNamingTheFile() throws IOException {
        FencingStore store = new FencingStore(dir);
        Files.writeString(store.file(), "{\"not\":\"a list\"}");
        IOException e = assertThrows(IOException.class, store::load);
        assertTrue(e.getMessage().startsWith(store.file().toString()), e.getMessage());
    }
}
