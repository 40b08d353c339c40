package org.vigil.scheduler.history;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;
import org.vigil.cib.LrmRscOp;
import org.vigil.rules.RuleContext;
import org.vigil.scheduler.MetaAttributes;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.node.SchedNode;
import org.vigil.scheduler.resource.PrimitiveRsc;

/**
 * Detects changed resource parameters the way Pacemaker does: the history records an MD5 digest of the
 * parameters an operation ran with; a different digest now means the resource must be restarted (or
 * reloaded, when the agent can reload and only reloadable parameters changed).
 */
public final class DigestCheck {
    public enum Outcome { SAME, RELOAD, RESTART, RESTART_DEFINITION }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private DigestCheck() {}

    public static Outcome check(WorkingSet ws, PrimitiveRsc p, SchedNode node) {
        NodeHistory h = p.history.get(node);
        if (h != null && h.pendingStart != null && p.definition != null) {
            // a start in flight with other parameters cannot be reloaded (Pacemaker's start-pending): restart
            Outcome o = check(ws, p, node, h.pendingStart);
            if (o != Outcome.SAME) {
                return o == Outcome.RELOAD ? Outcome.RESTART : o;
            }
        }
        if (h == null || h.definitionOps.isEmpty() || p.definition == null) {
            return Outcome.SAME;
        }
        // As Pacemaker: every start, promote, migrate_from and probe since the resource last started ran
        // with some parameters; the worst difference among them decides.
        Outcome worst = Outcome.SAME;
        for (LrmRscOp op : h.definitionOps) {
            Outcome o = check(ws, p, node, op);
            if (o.ordinal() > worst.ordinal()) {
                worst = o;
            }
        }
        return worst;
    }

    private static Outcome check(WorkingSet ws, PrimitiveRsc p, SchedNode node, LrmRscOp op) {
        LrmRscOp.Digests recordedDigests = op.digests();
        String recorded = recordedDigests.all();
        if (recorded == null) {
            return Outcome.SAME;
        }
        Map<String, String> opParams = opParams(ws, p, node, op);
        Map<String, String> params = null;
        String restartDigest = recordedDigests.restart();
        String forceRestart = recordedDigests.forceRestart();
        if (restartDigest != null) {
            params = params(ws, p, node);
            // without a list of the parameters that force a restart, all of them do
            Map<String, String> restartParams = forceRestart == null ? params : new TreeMap<>();
            for (String name : forceRestart == null ? new String[0] : forceRestart.trim().split("\\s+")) {
                if (!name.isEmpty() && params.containsKey(name)) {
                    restartParams.put(name, params.get(name));
                }
            }
            if (!restartDigest.equals(ws.digest(restartParams))) {
                return Outcome.RESTART_DEFINITION;
            }
        }
        String now;
        Map<String, String> all = params;
        if (opParams.isEmpty()) {
            now = ws.parameterDigest(p, params, () -> params(ws, p, node));
        } else {
            all = new TreeMap<>(params != null ? params : params(ws, p, node));
            all.putAll(opParams);
            now = ws.digest(all);
        }
        if (recorded.equals(now)) {
            return Outcome.SAME;
        }
        if (onlySecretsDiffer(ws, p, node, op, all, opParams)) {
            return Outcome.SAME;
        }
        if (!opParams.isEmpty() && op.intervalMs() == 0) {
            // the operation's own parameters changed or are new: only a restart records them again
            return Outcome.RESTART_DEFINITION;
        }
        if (restartDigest != null) {
            return Outcome.RELOAD;
        }
        // histories from very old versions carry digests computed differently: restart without a reason
        String fs = op.attribute("crm_feature_set");
        return fs != null && org.vigil.rules.Rules.compareVersionStrings(fs, "2.0") >= 0
                ? Outcome.RESTART_DEFINITION : Outcome.RESTART;
    }

    /**
     * Whether the parameters differ only in secret ones: Pacemaker records, besides the full digest, one
     * without the parameters the agent marks secret ({@code op-secure-params}), and compares that one
     * as crm_simulate does on CIBs whose secrets were masked. Vigil's own executor records no secure
     * digest, so this only applies to histories written by Pacemaker.
     */
    private static boolean onlySecretsDiffer(WorkingSet ws, PrimitiveRsc p, SchedNode node, LrmRscOp op,
            Map<String, String> all, Map<String, String> opParams) {
        String secureDigest = op.attribute("op-secure-digest");
        String secureParams = op.attribute("op-secure-params");
        if (secureDigest == null || secureParams == null) {
            return false;
        }
        Map<String, String> secure = new TreeMap<>(all != null ? all : params(ws, p, node));
        secure.putAll(opParams);
        for (String name : secureParams.trim().split("\\s+")) {
            secure.remove(name);
        }
        String fs = op.attribute("crm_feature_set");
        if (p.isStonith() && (fs == null || org.vigil.rules.Rules.compareVersionStrings(fs, "3.16.0") < 0)) {
            // older controllers did not hash the fencer's own pcmk_* parameters
            secure.keySet().removeIf(DigestCheck::fencerParameter);
        }
        return secureDigest.equals(ws.digest(secure));
    }

    /** Pacemaker's {@code pcmk_stonith_param}: parameters the fencer itself uses, not the agent. */
    private static boolean fencerParameter(String name) {
        if (!name.startsWith("pcmk_") || name.equals("pcmk_stonith_timeout")) {
            return false;
        }
        switch (name) {
            case "pcmk_host_argument", "pcmk_host_map", "pcmk_host_list", "pcmk_host_check", "pcmk_delay_max",
                    "pcmk_delay_base", "pcmk_action_limit" -> {
                return true;
            }
            default -> { }
        }
        int sep = name.indexOf('_', 5);
        if (sep < 0) {
            return false;
        }
        String suffix = name.substring(sep);
        return suffix.equals("_action") || suffix.equals("_timeout") || suffix.equals("_retries");
    }

    /** The configured operation's own parameters ({@code op}'s instance attributes) for a recorded one. */
    private static Map<String, String> opParams(WorkingSet ws, PrimitiveRsc p, SchedNode node, LrmRscOp recorded) {
        if (p.ops == null) {
            return Map.of();
        }
        for (org.vigil.cib.Op op : p.ops) {
            if (op.instanceAttributes().isEmpty() || !op.name().equals(recorded.operation())
                    || org.vigil.rules.Durations.parseIntervalMs(op.interval()) != recorded.intervalMs()) {
                continue;
            }
            Map<String, String> params = new TreeMap<>();
            MetaAttributes.fill(op.instanceAttributes(), ws.rules(node.attributes), params, false);
            return params;
        }
        return Map.of();
    }

    /** The primitive's parameters on {@code node} now, sorted by name. */
    private static Map<String, String> params(WorkingSet ws, PrimitiveRsc p, SchedNode node) {
        Map<String, String> params = new TreeMap<>();
        MetaAttributes.fill(p.definition.instanceAttributes(), ws.rules(node.attributes), params,
                false);
        // a bundle connection's address is the name of the node its container runs on
        // (Pacemaker's pe__add_bundle_remote_name)
        if (p.isConnection() && org.vigil.cib.BundleReplica.HOST_NAME.equals(params.get("addr"))) {
            SchedNode host = p.container != null && !p.container.runningOn.isEmpty() ? p.container.runningOn.get(0)
                    : node;
            params.put("addr", host.uname);
        }
        return params;
    }

    /** Pacemaker's canonical text of a parameter set, {@code  <parameters a="1" b="2"/>} + newline, to hash. */
    public static String canonical(Map<String, String> sortedParams) {
        StringBuilder sb = new StringBuilder(" <parameters");
        for (Map.Entry<String, String> e : sortedParams.entrySet()) {
            sb.append(' ').append(e.getKey()).append("=\"").append(escape(e.getValue())).append('"');
        }
        return sb.append("/>\n").toString();
    }

    public static String md5(String text) {
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
