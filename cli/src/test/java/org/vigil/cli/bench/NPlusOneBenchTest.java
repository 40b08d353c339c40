package org.vigil.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cli.CliRunner;

class NPlusOneBenchTest {
    @TempDir
    Path dir;

    @Test
    void benchPrintsHeadedRowWithFailuresAndSchedulerRuns() {
        CliRunner.Result r = new CliRunner(dir).run("bench", "n-plus-one", "--nodes", "3", "--resources", "20",
                "--runs", "1", "--warmup", "0");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(2, lines.length, r.out());
        assertTrue(lines[0].matches("cluster\\s+failures\\s+runs\\s+cold s\\s+warm s\\s+cpu s\\s+ms/run\\s+losing"), lines[0]);
        assertTrue(lines[1].matches("3 nodes x 20 resources\\s+3\\s+4(\\s+[0-9.]+){4}\\s+\\d+"),
                lines[1]);
    }

    @Test
    void pairsCountEveryPairToo() {
        CliRunner.Result r = new CliRunner(dir).run("bench", "n-plus-one", "--pairs", "--nodes", "4", "--resources",
                "10", "--runs", "1", "--warmup", "0");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().split("\n")[1].matches("4 nodes x 10 resources\\s+10\\s+11\\s.*"), r.out());
    }
}
