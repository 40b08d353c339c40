package org.vigil.controller;

import java.util.HashMap;
import java.util.Map;

/**
 * An executor's memory of the {@link OpDigest}s it computed: every result records one, and a node runs
 * the same few operations of each resource again and again (a rejoining node probes every resource). The
 * parameter maps of one configuration's requests are the same objects, so a lookup mostly stops at
 * identity. Bounded: a long-lived node whose configuration keeps changing starts afresh now and then.
 */
final class OpDigests {
    private static final int LIMIT = 4096;

    private record Key(Map<String, String> params, long intervalMs, long timeoutMs) {}

    private final Map<Key, Map<String, String>> known = new HashMap<>();

    String of(Map<String, String> params, long intervalMs, long timeoutMs) {
        return attributes(params, intervalMs, timeoutMs).get("op-digest");
    }

    /**
     * Pacemaker's {@code op-force-restart} (the names, space-separated with a space on each side) and
     * {@code op-restart-digest} (the digest of just those of them that are set): a later change of only the
     * other parameters can then be reloaded instead of restarting the resource.
     */
    static Map<String, String> restartAttributes(Map<String, String> params, java.util.List<String> restartNames) {
        Map<String, String> restartParams = new java.util.TreeMap<>();
        StringBuilder names = new StringBuilder(" ");
        for (String name : restartNames) {
            names.append(name).append(' ');
            if (params.containsKey(name)) {
                restartParams.put(name, params.get(name));
            }
        }
        return Map.of("op-force-restart", names.toString(), "op-restart-digest", OpDigest.of(restartParams, 0, 0));
    }

    /** {@code op-digest} and its digest as an immutable map: the extra attributes of most results. */
    Map<String, String> attributes(Map<String, String> params, long intervalMs, long timeoutMs) {
        Key key = new Key(params, intervalMs, timeoutMs);
        Map<String, String> attributes = known.get(key);
        if (attributes == null) {
            if (known.size() >= LIMIT) {
                known.clear();
            }
            attributes = Map.of("op-digest", OpDigest.of(params, intervalMs, timeoutMs));
            known.put(key, attributes);
        }
        return attributes;
    }
}
