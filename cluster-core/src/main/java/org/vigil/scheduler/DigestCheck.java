package org.vigil.scheduler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;
import org.vigil.cib.LrmRscOp;
import org.vigil.rules.RuleContext;

/**
 * Detects changed resource parameters the way Pacemaker does: the history records an MD5 digest of the
 * parameters an operation ran with; a different digest now means the resource must be restarted (or
 * reloaded, when the agent can reload and only reloadable parameters changed).
 */
final class DigestCheck {
    enum Outcome { SAME, RELOAD, RESTART, RESTART_DEFINITION }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private DigestCheck() {}

    static Outcome check(WorkingSet ws, PrimitiveRsc p, SchedNode node) {
        NodeHistory h = p.history.get(node);
        if (h == null || h.lastStart == null || p.definition == null) {
            return Outcome.SAME;
        }
        LrmRscOp op = h.lastStart;
        LrmRscOp.Digests recordedDigests = op.digests();
        String recorded = recordedDigests.all();
        if (recorded == null) {
            return Outcome.SAME;
        }
        Map<String, String> params = null;
        String restartDigest = recordedDigests.restart();
        String forceRestart = recordedDigests.forceRestart();
        if (restartDigest != null && forceRestart != null) {
            params = params(ws, p, node);
            Map<String, String> restartParams = new TreeMap<>();
            for (String name : forceRestart.trim().split("\\s+")) {
                if (!name.isEmpty() && params.containsKey(name)) {
                    restartParams.put(name, params.get(name));
                }
            }
            if (!restartDigest.equals(ws.digest(restartParams))) {
                return Outcome.RESTART_DEFINITION;
            }
        }
        if (!recorded.equals(ws.parameterDigest(p, params, () -> params(ws, p, node)))) {
            if (restartDigest != null) {
                return Outcome.RELOAD;
            }
            // histories from very old versions carry digests computed differently: restart without a reason
            String fs = op.attribute("crm_feature_set");
            return fs != null && org.vigil.rules.Rules.compareVersionStrings(fs, "2.0") >= 0
                    ? Outcome.RESTART_DEFINITION : Outcome.RESTART;
        }
        return Outcome.SAME;
    }

    /** The primitive's parameters on {@code node} now, sorted by name. */
    private static Map<String, String> params(WorkingSet ws, PrimitiveRsc p, SchedNode node) {
        Map<String, String> params = new TreeMap<>();
        MetaAttributes.fill(p.definition.instanceAttributes(), RuleContext.forNode(node.attributes, ws.now), params,
                false);
        return params;
    }

    /** Pacemaker's canonical text of a parameter set, {@code  <parameters a="1" b="2"/>} + newline, to hash. */
    static String canonical(Map<String, String> sortedParams) {
        StringBuilder sb = new StringBuilder(" <parameters");
        for (Map.Entry<String, String> e : sortedParams.entrySet()) {
            sb.append(' ').append(e.getKey()).append("=\"").append(escape(e.getValue())).append('"');
        }
        return sb.append("/>\n").toString();
    }

    static String md5(String text) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            char[] hex = new char[d.length * 2];
            for (int i = 0; i < d.length; i++) {
                hex[2 * i] = HEX[(d[i] >> 4) & 0xf];
                hex[2 * i + 1] = HEX[d[i] & 0xf];
            }
            return new String(hex);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is always available", e);
        }
    }

    private static String escape(String v) {
        if (v == null) {
            return "";
        }
        return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
