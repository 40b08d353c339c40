package org.vigil.sim;

import java.time.Duration;

/**
 * How long a simulated resource's actions take. Virtual machines boot slowly and live-migrate in time
 * proportional to their memory (the seeds' 32 GB VM took about 18 minutes: ~34 s per GB).
 */
public record ResourceProfile(
        Duration start, Duration stop, Duration monitor, Duration promote, Duration demote, Duration migratePerGb,
        int memoryGb) {
    public static final Duration MIGRATION_PER_GB = Duration.ofMillis(33_750);

    public static ResourceProfile forAgent(String type) {
        String t = type == null ? "" : type;
        return switch (t) {
            case "Xen", "VirtualDomain" -> new ResourceProfile(Duration.ofSeconds(40), Duration.ofSeconds(20),
                    Duration.ofMillis(200), Duration.ZERO, Duration.ZERO, MIGRATION_PER_GB, 2);
            case "drbd" -> new ResourceProfile(Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofMillis(100),
                    Duration.ofSeconds(2), Duration.ofSeconds(2), MIGRATION_PER_GB, 0);
            case "Filesystem" -> new ResourceProfile(Duration.ofSeconds(3), Duration.ofSeconds(2),
                    Duration.ofMillis(100), Duration.ZERO, Duration.ZERO, MIGRATION_PER_GB, 0);
            default -> new ResourceProfile(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(50),
                    Duration.ofSeconds(1), Duration.ofSeconds(1), MIGRATION_PER_GB, 0);
        };
    }

    public ResourceProfile withMemoryGb(int gb) {
        return new ResourceProfile(start, stop, monitor, promote, demote, migratePerGb, gb);
    }

    public ResourceProfile withStart(Duration d) {
        return new ResourceProfile(d, stop, monitor, promote, demote, migratePerGb, memoryGb);
    }

    public ResourceProfile withStop(Duration d) {
        return new ResourceProfile(start, d, monitor, promote, demote, migratePerGb, memoryGb);
    }

    public Duration migration() {
        return migratePerGb.multipliedBy(Math.max(memoryGb, 1));
    }
}
