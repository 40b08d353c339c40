package org.vigil.fencing;

import java.util.List;
import java.util.Objects;

/** One {@code fencing-level}: every device in it must succeed, in order, for the level to confirm a fence. */
public record FencingLevel(String id, int index, LevelTarget target, List<String> devices) {
    public FencingLevel {
        Objects.requireNonNull(target, "target");
        devices = List.copyOf(devices);
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("fencing level " + id + " has no devices");
        }
    }
}
