package org.vigil.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpDigestsTest {

    @Test
    void rememberedDigestsAreWhatOpDigestComputes() {
        OpDigests digests = new OpDigests();
        Map<String, String> params = Map.of("xmfile", "/etc/xen/vm01.cfg");
        for (int round = 0; round < 2; round++) {
            assertEquals(OpDigest.of(params, 0, 20_000), digests.of(params, 0, 20_000));
            assertEquals(OpDigest.of(params, 30_000, 20_000), digests.of(params, 30_000, 20_000));
            assertEquals(OpDigest.of(params, 30_000, 40_000), digests.of(params, 30_000, 40_000));
            // equal parameters in another map object, and other parameters
            assertEquals(OpDigest.of(params, 0, 20_000), digests.of(new HashMap<>(params), 0, 20_000));
            Map<String, String> other = Map.of("xmfile", "/etc/xen/vm02.cfg");
            assertEquals(OpDigest.of(other, 0, 20_000), digests.of(other, 0, 20_000));
        }
        assertEquals(Map.of("op-digest", OpDigest.of(params, 0, 20_000)), digests.attributes(params, 0, 20_000));
        // a recurring monitor's digest includes its timeout, a one-shot operation's does not
        assertNotEquals(digests.of(params, 30_000, 20_000), digests.of(params, 30_000, 40_000));
        assertEquals(digests.of(params, 0, 20_000), digests.of(params, 0, 40_000));
    }

    @Test
    void manyDistinctParameterSetsStayCorrectPastTheMemoryLimit() {
        OpDigests digests = new OpDigests();
        for (int i = 0; i < 10_000; i++) {
            Map<String, String> params = Map.of("n", Integer.toString(i % 5_000));
            assertEquals(OpDigest.of(params, 0, 20_000), digests.of(params, 0, 20_000));
        }
    }
}
