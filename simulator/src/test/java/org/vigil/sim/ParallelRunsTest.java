package org.vigil.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ParallelRunsTest {
    @Test
    void resultsComeBackInRunOrderWhateverFinishesFirst() {
        List<Integer> seen = new ArrayList<>();
        try (ParallelRuns<Integer> runs = new ParallelRuns<>(20, 3, i -> {
            if (i % 3 == 0) {
                Thread.onSpinWait(); // nothing to wait for: order must not depend on timing anyway
            }
            return i * i;
        })) {
            for (int i = 0; i < 20; i++) {
                seen.add(runs.next());
            }
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add(i * i);
        }
        assertEquals(expected, seen);
    }

    @Test
    void aRunThatThrowsRethrowsWhenItsTurnComes() {
        try (ParallelRuns<Integer> runs = new ParallelRuns<>(3, 2, i -> {
            if (i == 1) {
                throw new IllegalStateException("run 1 broke");
            }
            return i;
        })) {
            assertEquals(0, runs.next());
            IllegalStateException e = assertThrows(IllegalStateException.class, runs::next);
            assertEquals("run 1 broke", e.getMessage());
        }
    }

    @Test
    void parallelSeedsPrintWhatSequentialSeedsPrint() {
        String sequential = runCommand("run", "xen-4node-random", "--runs", "4", "--seed", "11");
        String parallel = runCommand("run", "xen-4node-random", "--runs", "4", "--seed", "11", "--jobs", "2");
        assertEquals(sequential, parallel);
        assertEquals(4, parallel.lines().filter(l -> l.startsWith("trace hash: ")).count());
    }

    private static String runCommand(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cmd = new CommandLine(new SimMain());
        cmd.setOut(new PrintWriter(out));
        int code = cmd.execute(args);
        assertEquals(0, code, out::toString);
        return out.toString();
    }
}
