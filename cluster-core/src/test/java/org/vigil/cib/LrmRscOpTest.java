package org.vigil.cib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class LrmRscOpTest {

    @Property(tries = 200)
    void recordedFromNumbersEqualsTheWrittenForm(@ForAll @LongRange(min = 0, max = 86_400_000) long interval,
            @ForAll @IntRange(min = 1, max = 1_000_000) int call, @ForAll @IntRange(min = 0, max = 8) int rc,
            @ForAll @IntRange(min = 0, max = 4) int status, @ForAll @LongRange(min = 0) long seconds) {
        TreeMap<String, String> other = new TreeMap<>(Map.of("op-digest", "abc", "operation_key", "vm_start_0"));
        LrmRscOp fast = LrmRscOp.recorded("vm_last_0", "start", interval, call, rc, status, seconds, 12,
                "3:7:0:key", "node1", null, other);
        LrmRscOp written = new LrmRscOp("vm_last_0", "start", Long.toString(interval), Integer.toString(call),
                Integer.toString(rc), Integer.toString(status), Long.toString(seconds), "12", "3:7:0:key",
                status + ":" + rc + ";3:7:0:key", "node1", null,
                Map.of("operation_key", "vm_start_0", "op-digest", "abc"));

        assertEquals(written, fast);
        assertEquals(written.hashCode(), fast.hashCode());
        assertEquals(written.rc(), fast.rc());
        assertEquals(written.status(), fast.status());
        assertEquals(written.call(), fast.call());
        assertEquals(written.intervalMs(), fast.intervalMs());
        assertEquals(written.lastRcChangeSeconds(), fast.lastRcChangeSeconds());
        assertEquals(written.expectedRc(), fast.expectedRc());
        assertEquals(written.otherAttributes().toString(), fast.otherAttributes().toString());
        assertEquals(new LrmRscOp.Digests("abc", null, null), fast.digests());
    }

    @Test
    void recordedAttributesCannotBeChangedThroughTheOperation() {
        LrmRscOp op = LrmRscOp.recorded("vm_last_0", "stop", 0, 1, 0, 0, 0, 0, "1:2:0:k", "n", null,
                new TreeMap<>(Map.of("queue-time", "0")));
        assertThrows(UnsupportedOperationException.class, () -> op.otherAttributes().put("x", "y"));
    }

    @Test
    void theExpectedExitCodeIsTheThirdFieldOfTheTransitionKey() {
        assertEquals(0, expected("3:7:0:uuid", null));
        assertEquals(8, expected("3:7:8:uuid", null));
        assertEquals(10, expected("3:7:10:uuid", null));
        assertEquals(123, expected("3:7:123", null));
        assertEquals(-1, expected("3:7:-1:uuid", null));
        assertEquals(0, expected("3:7:x:uuid", null));
        assertEquals(0, expected("3:7::uuid", null));
        assertEquals(0, expected("1:2", null));
        assertEquals(7, expected(null, "0:7;3:7:7:uuid"));
        assertEquals(0, expected(null, null));
    }

    private static int expected(String key, String magic) {
        return new LrmRscOp("r_last_0", "monitor", "0", "1", "7", "0", "0", "0", key, magic, "n1", null, Map.of())
                .expectedRc();
    }
}
