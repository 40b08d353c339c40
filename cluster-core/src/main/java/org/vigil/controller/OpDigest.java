package org.vigil.controller;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pacemaker's {@code op-digest}: the MD5 of the parameters an operation ran with, written as
 * {@code " <parameters a="1" b="2"/>\n"} with names sorted; recurring monitors include
 * {@code CRM_meta_timeout}. Recording it lets Pacemaker's scheduler (and ours) tell an unchanged
 * definition from a changed one when a saved CIB is replayed.
 */
public final class OpDigest {
    private OpDigest() {}

    public static String of(Map<String, String> params, long intervalMs, long timeoutMs) {
        Map<String, String> sorted = new TreeMap<>(params);
        if (intervalMs > 0) {
            sorted.put("CRM_meta_timeout", Long.toString(timeoutMs));
        }
        StringBuilder b = new StringBuilder(" <parameters");
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            b.append(' ').append(e.getKey()).append("=\"").append(escape(e.getValue())).append('"');
        }
        b.append("/>\n");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(b.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java runtime", e);
        }
    }

    private static String escape(String v) {
        return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
