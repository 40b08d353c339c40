package org.vigil.agents.drbd;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.vigil.agents.ActionContext;
import org.vigil.agents.ActionSpec;
import org.vigil.agents.AgentFailure;
import org.vigil.agents.AgentId;
import org.vigil.agents.AgentMetadata;
import org.vigil.agents.AgentResult;
import org.vigil.agents.AttributeUpdate;
import org.vigil.agents.CommandResult;
import org.vigil.agents.OcfStatus;
import org.vigil.agents.ParameterSpec;
import org.vigil.agents.ResourceAgent;

/**
 * {@code ocf:linbit:drbd}, promotable: brings a DRBD resource up/down with {@code drbdadm},
 * reads its state from {@code drbdsetup status --json}, publishes promotion scores that prefer
 * UpToDate data (the classic {@code adjust_master_score} scheme), supports dual-primary
 * ({@code allow-two-primaries} with promoted-max=2) and refuses to promote outdated data.
 */
public final class DrbdAgent implements ResourceAgent {
    /** drbdsetup's exit code for "No such resource" (the resource is down). */
    static final int NO_SUCH_RESOURCE = 10;

    private static final AgentMetadata METADATA = new AgentMetadata("drbd", "1.0",
            "Manages a DRBD device as a promotable resource",
            "Brings a DRBD resource up and down, promotes and demotes it, and sets promotion scores from the local and "
                    + "peer disk states so that the node with UpToDate data is promoted. Outdated or Inconsistent data is "
                    + "never promoted.",
            List.of(ParameterSpec.required("drbd_resource", "string", "Name of the DRBD resource from drbd.conf").asUnique(),
                    ParameterSpec.optional("drbdconf", "string", "/etc/drbd.conf", "Full path to the drbd.conf file"),
                    ParameterSpec.optional("adjust_master_score", "string", "5 10 1000 10000",
                            "Four promotion scores: only Consistent data; only remote UpToDate data; Secondary with UpToDate "
                                    + "data but unknown peer; UpToDate data and Primary or known peer"),
                    ParameterSpec.optional("stop_outdates_secondary", "boolean", "true", "Accepted for compatibility; DRBD's fencing handlers outdate peers"),
                    ParameterSpec.optional("require_drbd_module_version_ge", "string", null, "Accepted for compatibility; not checked")),
            List.of(ActionSpec.of("start", 240), ActionSpec.of("promote", 90), ActionSpec.of("demote", 90),
                    ActionSpec.of("notify", 90), ActionSpec.of("stop", 100),
                    ActionSpec.monitor(20, 20, "Unpromoted"), ActionSpec.monitor(20, 10, "Promoted"),
                    ActionSpec.of("meta-data", 5), ActionSpec.of("validate-all", 5)));

    @Override
    public AgentId id() {
        return AgentId.ocf("linbit", "drbd");
    }

    @Override
    public AgentMetadata metadata() {
        return METADATA;
    }

    private static String res(ActionContext ctx) {
        return ctx.param("drbd_resource");
    }

    private static String[] adm(ActionContext ctx, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-c";
        all[1] = ctx.param("drbdconf");
        System.arraycopy(args, 0, all, 2, args.length);
        return all;
    }

    private static int[] scores(ActionContext ctx) {
        String[] parts = ctx.param("adjust_master_score").trim().split("\\s+");
        if (parts.length != 4) {
            throw AgentFailure.configured("adjust_master_score must be four numbers, not '" + ctx.param("adjust_master_score") + "'");
        }
        int[] s = new int[4];
        try {
            for (int i = 0; i < 4; i++) {
                s[i] = Integer.parseInt(parts[i]);
            }
        } catch (NumberFormatException e) {
            throw AgentFailure.configured("adjust_master_score must be four numbers, not '" + ctx.param("adjust_master_score") + "'");
        }
        return s;
    }

    /** Empty when the resource is down on this node. */
    static Optional<DrbdStatus> status(ActionContext ctx) {
        CommandResult r = ctx.run("drbdsetup", "status", res(ctx), "--json");
        if (r.exitCode() == NO_SUCH_RESOURCE) {
            return Optional.empty();
        }
        if (!r.ok()) {
            throw AgentFailure.generic("cannot read DRBD state: " + r.describe());
        }
        return Optional.of(DrbdStatus.parse(res(ctx), r.stdout()));
    }

    /** The promotion score the classic agent would set; empty means "remove the score" (never promote here). */
    static Optional<Integer> promotionScore(DrbdStatus s, int[] adjust) {
        if (s.allDisks("UpToDate")) {
            boolean knownOrPrimary = s.primary() || s.peerStateKnown();
            return Optional.of(knownOrPrimary ? adjust[3] : adjust[2]);
        }
        if (s.anyDisk("Outdated") || s.anyDisk("Inconsistent") || s.anyDisk("Failed")) {
            return Optional.empty();
        }
        if (s.anyDisk("Diskless") && s.anyPeerUpToDate()) {
            return Optional.of(adjust[1]);
        }
        if (s.allDisks("Consistent")) {
            return Optional.of(adjust[0]);
        }
        return Optional.empty();
    }

    private static AttributeUpdate scoreUpdate(ActionContext ctx, Optional<DrbdStatus> s) {
        String attr = AttributeUpdate.promotionAttribute(ctx.instance());
        return s.flatMap(st -> promotionScore(st, scores(ctx)))
                .map(v -> AttributeUpdate.set(attr, Integer.toString(v)))
                .orElse(AttributeUpdate.delete(attr));
    }

    private static AgentResult withScore(ActionContext ctx, AgentResult r, Optional<DrbdStatus> s) {
        return r.withAttributeUpdates(List.of(scoreUpdate(ctx, s)));
    }

    private static int promotedMax(ActionContext ctx) {
        for (String key : List.of("promoted_max", "master_max")) {
            String v = ctx.meta(key);
            if (!v.isEmpty()) {
                try {
                    return Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    throw AgentFailure.configured("meta attribute " + key + "='" + v + "' is not a number");
                }
            }
        }
        return 1;
    }

    @Override
    public AgentResult validateAll(ActionContext ctx) {
        scores(ctx);
        if (!ctx.hasTool("drbdadm") || !ctx.hasTool("drbdsetup")) {
            return AgentResult.of(OcfStatus.ERR_INSTALLED, "drbdadm and drbdsetup are required (drbd-utils not installed?)");
        }
        if (!ctx.param("drbd_resource").matches("[A-Za-z0-9_.-]+")) {
            return AgentResult.of(OcfStatus.ERR_CONFIGURED, "drbd_resource '" + ctx.param("drbd_resource") + "' is not a valid DRBD resource name");
        }
        if (promotedMax(ctx) > 2) {
            return AgentResult.of(OcfStatus.ERR_CONFIGURED, "DRBD allows at most two primaries (promoted-max=" + promotedMax(ctx) + ")");
        }
        return AgentResult.success();
    }

    private void check(ActionContext ctx) {
        AgentResult v = validateAll(ctx);
        if (!v.is(OcfStatus.SUCCESS)) {
            throw new AgentFailure(v.status(), v.exitReason());
        }
    }

    @Override
    public AgentResult start(ActionContext ctx) {
        check(ctx);
        Optional<DrbdStatus> s = status(ctx);
        if (s.isEmpty()) {
            CommandResult up = ctx.run("drbdadm", adm(ctx, "up", res(ctx)));
            if (!up.ok()) {
                return AgentResult.of(OcfStatus.ERR_GENERIC, "drbdadm up " + res(ctx) + " failed: " + up.describe());
            }
            s = status(ctx);
            if (s.isEmpty()) {
                return AgentResult.of(OcfStatus.ERR_GENERIC, "DRBD resource " + res(ctx) + " is not up after drbdadm up");
            }
        } else if (s.get().standAlone()) {
            // a resource left StandAlone (e.g. after an admin disconnect) should talk to its peer again
            ctx.run("drbdadm", adm(ctx, "connect", res(ctx)));
            s = status(ctx);
        }
        return withScore(ctx, AgentResult.success(), s);
    }

    @Override
    public AgentResult stop(ActionContext ctx) {
        check(ctx);
        Optional<DrbdStatus> s = status(ctx);
        if (s.isPresent()) {
            if (s.get().primary()) {
                CommandResult sec = ctx.run("drbdadm", adm(ctx, "secondary", res(ctx)));
                if (!sec.ok()) {
                    return AgentResult.of(OcfStatus.ERR_GENERIC, "cannot demote " + res(ctx) + " before stopping: " + sec.describe());
                }
            }
            CommandResult down = ctx.run("drbdadm", adm(ctx, "down", res(ctx)));
            if (!down.ok()) {
                return AgentResult.of(OcfStatus.ERR_GENERIC, "drbdadm down " + res(ctx) + " failed: " + down.describe());
            }
            if (status(ctx).isPresent()) {
                return AgentResult.of(OcfStatus.ERR_GENERIC, "DRBD resource " + res(ctx) + " still up after drbdadm down");
            }
        }
        return withScore(ctx, AgentResult.success(), Optional.empty());
    }

    @Override
    public AgentResult monitor(ActionContext ctx) {
        check(ctx);
        Optional<DrbdStatus> s = status(ctx);
        if (s.isEmpty()) {
            return AgentResult.notRunning();
        }
        DrbdStatus st = s.get();
        OcfStatus code = st.primary() ? OcfStatus.RUNNING_PROMOTED : OcfStatus.SUCCESS;
        String reason = "";
        if (st.primary() && st.anyDisk("Diskless") && !st.anyPeerUpToDate()) {
            code = OcfStatus.FAILED_PROMOTED;
            reason = "Primary without access to UpToDate data (local disk Diskless, no UpToDate peer)";
        } else if (st.standAlone()) {
            reason = "connection StandAlone: DRBD will not reconnect by itself (split brain or administrative disconnect);"
                    + " resolve it, e.g. drbdadm connect --discard-my-data " + res(ctx) + " on the node whose changes are to be dropped";
        }
        return withScore(ctx, AgentResult.of(code, reason), s);
    }

    @Override
    public AgentResult promote(ActionContext ctx) {
        check(ctx);
        Optional<DrbdStatus> s = status(ctx);
        if (s.isEmpty()) {
            return AgentResult.of(OcfStatus.NOT_RUNNING, "cannot promote " + res(ctx) + ": resource is down");
        }
        DrbdStatus st = s.get();
        if (st.primary()) {
            return withScore(ctx, AgentResult.success(), s);
        }
        if (!st.allDisks("UpToDate")) {
            return withScore(ctx, AgentResult.of(OcfStatus.ERR_GENERIC, "refusing to promote " + res(ctx) + " with "
                    + String.join("/", st.diskStates()) + " data: only UpToDate data may become Primary"), s);
        }
        if (st.standAlone() && st.peers().size() > 0) {
            return withScore(ctx, AgentResult.of(OcfStatus.ERR_GENERIC, "refusing to promote " + res(ctx)
                    + ": connection StandAlone, the peer may be Primary (split brain risk)"), s);
        }
        if (st.anyPeerPrimary() && promotedMax(ctx) < 2) {
            return withScore(ctx, AgentResult.of(OcfStatus.ERR_GENERIC, "refusing to promote " + res(ctx)
                    + ": the peer is Primary and promoted-max is 1 (dual-primary needs promoted-max=2 and allow-two-primaries)"), s);
        }
        CommandResult r = ctx.run("drbdadm", adm(ctx, "primary", res(ctx)));
        if (!r.ok()) {
            return withScore(ctx, AgentResult.of(OcfStatus.ERR_GENERIC, "drbdadm primary " + res(ctx) + " failed: " + r.describe()), s);
        }
        return withScore(ctx, AgentResult.success(), status(ctx));
    }

    @Override
    public AgentResult demote(ActionContext ctx) {
        check(ctx);
        Optional<DrbdStatus> s = status(ctx);
        if (s.isEmpty()) {
            return AgentResult.of(OcfStatus.NOT_RUNNING, "cannot demote " + res(ctx) + ": resource is down");
        }
        if (s.get().primary()) {
            CommandResult r = ctx.run("drbdadm", adm(ctx, "secondary", res(ctx)));
            if (!r.ok()) {
                return AgentResult.of(OcfStatus.ERR_GENERIC, "drbdadm secondary " + res(ctx) + " failed: " + r.describe());
            }
        }
        return withScore(ctx, AgentResult.success(), status(ctx));
    }

    /**
     * Clone notifications: after a peer starts or is promoted/demoted our view of the peer changed,
     * so the promotion score is recomputed; a StandAlone connection is retried when a peer starts.
     */
    @Override
    public AgentResult notify(ActionContext ctx) {
        check(ctx);
        String type = ctx.meta("notify_type");
        String op = ctx.meta("notify_operation");
        if (!type.equals("pre") && !type.equals("post")) {
            return AgentResult.of(OcfStatus.ERR_CONFIGURED, "notify needs notify_type pre or post, got '" + type + "'");
        }
        Optional<DrbdStatus> s = status(ctx);
        if (s.isEmpty()) {
            return AgentResult.success();
        }
        if (type.equals("post") && op.equals("start") && s.get().standAlone()) {
            ctx.run("drbdadm", adm(ctx, "connect", res(ctx)));
            // a few polls: a peer that is reachable leaves StandAlone within seconds
            Duration settle = ctx.host().pollInterval().multipliedBy(5);
            ctx.await(settle, () -> status(ctx).map(st -> !st.standAlone()).orElse(true));
            s = status(ctx);
        }
        return withScore(ctx, AgentResult.success(), s);
    }
}
