package org.vigil.cts;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The power switch's log ({@code power.log} in the machines' directory, one {@code SECONDS off NODE} line per
 * power-off, written by bin/demo/fence_vigil_demo): the suite's record of which machines the cluster fenced.
 */
final class PowerLog {
    record Off(Instant at, String node) {}

    private final Path file;

    PowerLog(Path file) {
        this.file = file;
    }

    List<Off> entries() {
        List<String> lines;
        try {
            lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            return List.of();
        }
        List<Off> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[1].equals("off")) {
                try {
                    BigDecimal s = new BigDecimal(f[0]);
                    long sec = s.longValue();
                    long nanos = s.subtract(BigDecimal.valueOf(sec)).movePointRight(9).longValue();
                    out.add(new Off(Instant.ofEpochSecond(sec, nanos), f[2]));
                } catch (NumberFormatException e) {
                    // a line torn by a concurrent write: the next read sees it whole
                }
            }
        }
        return out;
    }

    boolean offSince(String node, Instant since) {
        return entries().stream().anyMatch(o -> o.node().equals(node) && !o.at().isBefore(since));
    }

    List<String> fencedSince(Instant since) {
        return entries().stream().filter(o -> !o.at().isBefore(since)).map(Off::node).toList();
    }
}
