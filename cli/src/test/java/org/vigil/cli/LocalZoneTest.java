package org.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class LocalZoneTest {
    @Test
    void utcUnderAnyOfItsNamesIsTheFixedOffset() {
        for (String tz : new String[] {"UTC", ":UTC", "Etc/UTC", ":Etc/UTC", "GMT", "Etc/GMT0", "Zulu", "Universal"}) {
            assertEquals(ZoneOffset.UTC, LocalZone.of(tz), tz);
        }
    }

    @Test
    void otherZonesKeepTheirRules() {
        assertEquals(ZoneId.of("Europe/Berlin"), LocalZone.of("Europe/Berlin"));
        assertEquals(ZoneId.of("America/New_York"), LocalZone.of(":America/New_York"));
    }

    @Test
    void aTzThatNamesNoZoneIsUtcAsForGlibc() {
        assertEquals(ZoneOffset.UTC, LocalZone.of("Not/A_Zone"));
        assertEquals(ZoneOffset.UTC, LocalZone.of(""));
    }

    @Test
    void withoutTzTheSystemZoneIsUsed() {
        TimeZone saved = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
            assertEquals(ZoneId.of("Asia/Tokyo"), LocalZone.of(null));
            TimeZone.setDefault(TimeZone.getTimeZone("Etc/UTC"));
            assertEquals(ZoneOffset.UTC, LocalZone.of(null));
        } finally {
            TimeZone.setDefault(saved);
        }
    }
}
