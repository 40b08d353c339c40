package org.vigil.cli;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.TimeZone;

/**
 * The zone times are printed in, as Pacemaker's ctime() picks it: {@code TZ} from the environment, else the
 * system's. UTC under any of its names is {@link ZoneOffset#UTC}: the same times, without starting the JDK's
 * time-zone rules provider (a scan of every jar for providers and a second read of the zone database), which
 * took a one-shot {@code crm_mon} on a UTC server as long as reading its CIB.
 */
public final class LocalZone {
    private LocalZone() {}

    /** The zone database's names for UTC (links to Etc/UTC or zones that never had another offset). */
    private static final Set<String> UTC = Set.of("UTC", "Etc/UTC", "UCT", "Etc/UCT", "Universal", "Etc/Universal",
            "Zulu", "Etc/Zulu", "GMT", "Etc/GMT", "GMT0", "Etc/GMT0", "GMT+0", "Etc/GMT+0", "GMT-0", "Etc/GMT-0",
            "Greenwich", "Etc/Greenwich");

    /**
     * {@code tz}: the value of {@code TZ} (a leading ':' as in glibc), or null when it is not set; one that names
     * no zone (the empty string included) is UTC, as for glibc.
     */
    public static ZoneId of(String tz) {
        if (tz != null) {
            String id = tz.startsWith(":") ? tz.substring(1) : tz;
            if (UTC.contains(id)) {
                return ZoneOffset.UTC;
            }
            try {
                return ZoneId.of(id);
            } catch (DateTimeException e) {
                return ZoneOffset.UTC;
            }
        }
        TimeZone system = TimeZone.getDefault();
        return UTC.contains(system.getID()) ? ZoneOffset.UTC : system.toZoneId();
    }
}
