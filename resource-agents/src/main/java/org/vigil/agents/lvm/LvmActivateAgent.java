package org.vigil.agents.lvm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vigil.agents.ActionContext;
import org.vigil.agents.ActionSpec;
import org.vigil.agents.AgentFailure;
import org.vigil.agents.AgentId;
import org.vigil.agents.AgentMetadata;
import org.vigil.agents.AgentResult;
import org.vigil.agents.CommandResult;
import org.vigil.agents.OcfStatus;
import org.vigil.agents.ParameterSpec;
import org.vigil.agents.ResourceAgent;

/**
 * {@code ocf:heartbeat:LVM-activate}: activates a volume group, or one logical volume, exclusively
 * or shared, under one of the classic agent's access modes (lvmlockd, clvmd, system_id, tagging),
 * using {@code vgchange}/{@code lvchange}, and monitors activation through {@code lvs}.
 */
public final class LvmActivateAgent implements ResourceAgent {
    /** LVM's exit code for a failed command (e.g. "Volume group not found"). */
    static final int LVM_FAILED = 5;

    private static final Set<String> MODES = Set.of("lvmlockd", "clvmd", "system_id", "tagging");

    private static final AgentMetadata METADATA = new AgentMetadata("LVM-activate", "1.0",
            "This agent activates/deactivates logical volumes.",
            "Activates and deactivates a whole volume group or a single logical volume, exclusively on one node or shared "
                    + "on several (for cluster filesystems), with the VG access mode of the cluster's LVM setup.",
            List.of(ParameterSpec.required("vgname", "string", "The volume group name").asUnique(),
                    ParameterSpec.optional("lvname", "string", null, "A single logical volume to activate instead of the whole VG"),
                    ParameterSpec.required("vg_access_mode", "string", "lvmlockd, clvmd, system_id or tagging"),
                    ParameterSpec.optional("activation_mode", "string", "exclusive", "exclusive or shared (shared only with lvmlockd or clvmd)"),
                    ParameterSpec.optional("tag", "string", "pacemaker", "The tag used for tagging activation mode"),
                    ParameterSpec.optional("partial_activation", "boolean", "false", "Activate even if some physical volumes are missing"),
                    ParameterSpec.optional("degraded_activation", "boolean", "false", "Activate RAID LVs in degraded mode")),
            List.of(ActionSpec.of("start", 90), ActionSpec.of("stop", 90), ActionSpec.monitor(90, 30),
                    ActionSpec.of("meta-data", 10), ActionSpec.of("validate-all", 20)));

    @Override
    public AgentId id() {
        return AgentId.ocf("heartbeat", "LVM-activate");
    }

    @Override
    public AgentMetadata metadata() {
        return METADATA;
    }

    private static String vg(ActionContext ctx) {
        return ctx.param("vgname");
    }

    private static String mode(ActionContext ctx) {
        return ctx.param("vg_access_mode");
    }

    private static boolean shared(ActionContext ctx) {
        return ctx.param("activation_mode").equals("shared");
    }

    @Override
    public AgentResult validateAll(ActionContext ctx) {
        for (String tool : List.of("vgchange", "lvchange", "lvs", "vgs")) {
            if (!ctx.hasTool(tool)) {
                return AgentResult.of(OcfStatus.ERR_INSTALLED, tool + " not found on PATH (lvm2 not installed?)");
            }
        }
        if (!MODES.contains(mode(ctx))) {
            return AgentResult.of(OcfStatus.ERR_CONFIGURED, "vg_access_mode must be one of lvmlockd, clvmd, system_id, tagging; not '" + mode(ctx) + "'");
        }
        String am = ctx.param("activation_mode");
        if (!am.equals("exclusive") && !am.equals("shared")) {
            return AgentResult.of(OcfStatus.ERR_CONFIGURED, "activation_mode must be exclusive or shared, not '" + am + "'");
        }
        if (shared(ctx) && (mode(ctx).equals("system_id") || mode(ctx).equals("tagging"))) {
            return AgentResult.of(OcfStatus.ERR_CONFIGURED, "shared activation needs lvmlockd or clvmd, not " + mode(ctx));
        }
        if (!shared(ctx) && (!ctx.meta("clone_max").isEmpty() || ctx.instance().contains(":"))) {
            return AgentResult.of(OcfStatus.ERR_CONFIGURED, "exclusive activation cannot be cloned; use activation_mode=shared");
        }
        if (!vg(ctx).matches("[A-Za-z0-9+_.-]+") || !ctx.param("lvname").matches("[A-Za-z0-9+_.-]*")) {
            return AgentResult.of(OcfStatus.ERR_CONFIGURED, "vgname/lvname contain characters LVM does not allow");
        }
        return AgentResult.success();
    }

    private void check(ActionContext ctx) {
        AgentResult v = validateAll(ctx);
        if (!v.is(OcfStatus.SUCCESS)) {
            throw new AgentFailure(v.status(), v.exitReason());
        }
    }

    private static boolean vgVisible(ActionContext ctx) {
        return ctx.run("vgs", "--noheadings", "-o", "vg_name", vg(ctx)).ok();
    }

    /** Logical volume name to active flag, from {@code lvs --noheadings -o lv_name,lv_attr --separator :} (attr char 5 is 'a' when active). */
    static Map<String, Boolean> activation(ActionContext ctx) {
        CommandResult r = ctx.run("lvs", "--noheadings", "-o", "lv_name,lv_attr", "--separator", ":", vg(ctx));
        if (!r.ok()) {
            throw AgentFailure.generic("cannot list logical volumes of " + vg(ctx) + ": " + r.describe());
        }
        Map<String, Boolean> out = new java.util.TreeMap<>();
        for (String line : r.stdout().split("\n")) {
            String[] f = line.trim().split(":");
            if (f.length == 2 && f[1].length() >= 5) {
                out.put(f[0], f[1].charAt(4) == 'a');
            }
        }
        return out;
    }

    private static boolean active(ActionContext ctx) {
        Map<String, Boolean> lvs = activation(ctx);
        Optional<String> lv = ctx.optParam("lvname");
        if (lv.isPresent()) {
            return lvs.getOrDefault(lv.get(), false);
        }
        return !lvs.isEmpty() && lvs.values().stream().anyMatch(a -> a);
    }

    private static String target(ActionContext ctx) {
        return ctx.optParam("lvname").map(lv -> vg(ctx) + "/" + lv).orElse(vg(ctx));
    }

    private static CommandResult change(ActionContext ctx, String activation) {
        List<String> args = new ArrayList<>(List.of(activation));
        if (ctx.boolParam("partial_activation")) {
            args.add("--partial");
        }
        if (ctx.boolParam("degraded_activation")) {
            args.addAll(List.of("--activationmode", "degraded"));
        }
        if (mode(ctx).equals("tagging") && activation.startsWith("-ay")) {
            args.addAll(List.of("--config", "activation{volume_list=[\"@" + ctx.param("tag") + "\"]}"));
        }
        args.add(target(ctx));
        return ctx.run(ctx.optParam("lvname").isPresent() ? "lvchange" : "vgchange", args.toArray(String[]::new));
    }

    @Override
    public AgentResult start(ActionContext ctx) {
        check(ctx);
        if (!vgVisible(ctx)) {
            return AgentResult.of(OcfStatus.ERR_INSTALLED, "Volume group " + vg(ctx) + " not found or not visible on this node (is its iSCSI/multipath device up?)");
        }
        String activation;
        switch (mode(ctx)) {
            case "lvmlockd": {
                CommandResult lock = ctx.run("vgchange", "--lock-start", vg(ctx));
                if (!lock.ok()) {
                    return AgentResult.of(OcfStatus.ERR_GENERIC, "cannot start the lockspace of " + vg(ctx) + " (is lvmlockd running?): " + lock.describe());
                }
                activation = shared(ctx) ? "-asy" : "-aey";
                break;
            }
            case "clvmd":
                activation = shared(ctx) ? "-asy" : "-aey";
                break;
            case "system_id": {
                CommandResult own = ctx.run("vgchange", "-y", "--config", "local/extra_system_ids=[\"*\"]", "--systemid", ctx.localNode(), vg(ctx));
                if (!own.ok()) {
                    return AgentResult.of(OcfStatus.ERR_GENERIC, "cannot take ownership (system ID) of " + vg(ctx) + ": " + own.describe());
                }
                activation = "-ay";
                break;
            }
            default: {
                CommandResult tag = ctx.run("vgchange", "--addtag", ctx.param("tag"), vg(ctx));
                if (!tag.ok()) {
                    return AgentResult.of(OcfStatus.ERR_GENERIC, "cannot tag " + vg(ctx) + ": " + tag.describe());
                }
                activation = "-ay";
                break;
            }
        }
        CommandResult r = change(ctx, activation);
        if (!r.ok()) {
            return AgentResult.of(OcfStatus.ERR_GENERIC, target(ctx) + ": " + activation + " activation failed: " + r.describe());
        }
        if (!active(ctx)) {
            return AgentResult.of(OcfStatus.ERR_GENERIC, target(ctx) + " is not active after activation");
        }
        return AgentResult.success();
    }

    @Override
    public AgentResult stop(ActionContext ctx) {
        check(ctx);
        if (!vgVisible(ctx) || !active(ctx)) {
            return AgentResult.success();
        }
        CommandResult r = change(ctx, "-an");
        if (!r.ok() || active(ctx)) {
            return AgentResult.of(OcfStatus.ERR_GENERIC, target(ctx) + ": deactivation failed: " + r.describe());
        }
        if (mode(ctx).equals("tagging")) {
            ctx.run("vgchange", "--deltag", ctx.param("tag"), vg(ctx));
        }
        return AgentResult.success();
    }

    @Override
    public AgentResult monitor(ActionContext ctx) {
        check(ctx);
        if (!vgVisible(ctx)) {
            return AgentResult.notRunning();
        }
        return active(ctx) ? AgentResult.success() : AgentResult.notRunning();
    }
}
