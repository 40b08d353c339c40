package org.vigil.agents.iscsi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
 * {@code ocf:heartbeat:iscsi}: discovers a target on a portal (sendtargets), logs in, waits for
 * its block devices (and an optional multipath alias under /dev/mapper), logs out on stop, and
 * monitors the session, treating a session whose transport failed as a failure.
 */
public final class IscsiAgent implements ResourceAgent {
    /** iscsiadm's ISCSI_ERR_NO_OBJS_FOUND: no session / no node record. */
    static final int NO_OBJS_FOUND = 21;
    /** iscsiadm's ISCSI_ERR_SESS_EXISTS. */
    static final int SESSION_EXISTS = 15;

    private static final AgentMetadata METADATA = new AgentMetadata("iscsi", "1.0",
            "Manages a local iSCSI initiator and its connections to iSCSI targets",
            "Logs in to an iSCSI target on a portal (after sendtargets discovery) with open-iscsi's iscsiadm, waits for "
                    + "the target's disks (and a multipath alias, if given) to appear, and logs out on stop.",
            List.of(ParameterSpec.required("portal", "string", "The iSCSI portal address, host[:port] (default port 3260)"),
                    ParameterSpec.required("target", "string", "The iSCSI target IQN").asUnique(),
                    ParameterSpec.optional("discovery_type", "string", "sendtargets", "Discovery type (only sendtargets is supported)"),
                    ParameterSpec.optional("iscsiadm", "string", "iscsiadm", "iscsiadm program (name on PATH or absolute path)"),
                    ParameterSpec.optional("udev", "string", "yes", "Wait for the target's block devices after login"),
                    ParameterSpec.optional("multipath_alias", "string", null,
                            "Multipath alias (/dev/mapper/ALIAS) to wait for after login, for multipathed LUNs"),
                    ParameterSpec.optional("try_recovery", "boolean", "false",
                            "On monitor, log a stale session out and in again instead of failing")),
            List.of(ActionSpec.of("start", 120), ActionSpec.of("stop", 120), ActionSpec.monitor(30, 120),
                    ActionSpec.of("meta-data", 5), ActionSpec.of("validate-all", 5)));

    @Override
    public AgentId id() {
        return AgentId.ocf("heartbeat", "iscsi");
    }

    @Override
    public AgentMetadata metadata() {
        return METADATA;
    }

    private static String tool(ActionContext ctx) {
        return ctx.param("iscsiadm");
    }

    /** iscsiadm names portals ip:port; a portal without port uses the iSCSI default 3260. */
    static String portal(ActionContext ctx) {
        String p = ctx.param("portal");
        return p.matches(".*:\\d+$") && !p.endsWith("]") ? p : p + ":3260";
    }

    @Override
    public AgentResult validateAll(ActionContext ctx) {
        if (!ctx.hasTool(tool(ctx))) {
            return AgentResult.of(OcfStatus.ERR_INSTALLED, tool(ctx) + " not found (open-iscsi not installed?)");
        }
        if (!ctx.param("discovery_type").equals("sendtargets")) {
            return AgentResult.of(OcfStatus.ERR_CONFIGURED, "discovery_type " + ctx.param("discovery_type") + " is not supported; use sendtargets");
        }
        if (!ctx.param("target").matches("(iqn|eui|naa)\\..+")) {
            return AgentResult.of(OcfStatus.ERR_CONFIGURED, "target '" + ctx.param("target") + "' is not an iSCSI name (iqn., eui. or naa.)");
        }
        return AgentResult.success();
    }

    private void check(ActionContext ctx) {
        AgentResult v = validateAll(ctx);
        if (!v.is(OcfStatus.SUCCESS)) {
            throw new AgentFailure(v.status(), v.exitReason());
        }
    }

    static Optional<IscsiSessions.Session> session(ActionContext ctx) {
        CommandResult r = ctx.run(Duration.ofSeconds(30), tool(ctx), "-m", "session", "-P", "3");
        if (r.exitCode() == NO_OBJS_FOUND) {
            return Optional.empty();
        }
        if (!r.ok()) {
            throw AgentFailure.generic("cannot list iSCSI sessions: " + r.describe());
        }
        return IscsiSessions.parse(r.stdout()).find(ctx.param("target"), portal(ctx));
    }

    private static void logout(ActionContext ctx) {
        CommandResult r = ctx.run(tool(ctx), "-m", "node", "-T", ctx.param("target"), "-p", portal(ctx), "-u");
        if (!r.ok() && r.exitCode() != NO_OBJS_FOUND) {
            throw AgentFailure.generic("logout from " + ctx.param("target") + " failed: " + r.describe());
        }
    }

    @Override
    public AgentResult start(ActionContext ctx) {
        check(ctx);
        Optional<IscsiSessions.Session> s = session(ctx);
        if (s.isPresent() && s.get().stale()) {
            // a leftover session whose transport failed blocks a fresh login
            logout(ctx);
            s = Optional.empty();
        }
        if (s.isEmpty()) {
            CommandResult disc = ctx.run(tool(ctx), "-m", "discovery", "-t", "sendtargets", "-p", portal(ctx));
            if (!disc.ok()) {
                return AgentResult.of(OcfStatus.ERR_GENERIC, "discovery on " + portal(ctx) + " failed: " + disc.describe());
            }
            if (disc.stdout().lines().noneMatch(l -> l.trim().endsWith(" " + ctx.param("target")))) {
                return AgentResult.of(OcfStatus.ERR_CONFIGURED, "target " + ctx.param("target") + " is not offered by portal " + portal(ctx));
            }
            CommandResult login = ctx.run(tool(ctx), "-m", "node", "-T", ctx.param("target"), "-p", portal(ctx), "-l");
            if (!login.ok() && login.exitCode() != SESSION_EXISTS) {
                return AgentResult.of(OcfStatus.ERR_GENERIC, "login to " + ctx.param("target") + " failed: " + login.describe());
            }
        }
        return waitForDevices(ctx);
    }

    private static AgentResult waitForDevices(ActionContext ctx) {
        Path dev = ctx.host().devRoot();
        if (ctx.boolParam("udev")) {
            boolean ready = ctx.await(ctx.remaining(), () -> session(ctx)
                    .filter(s -> !s.disks().isEmpty() && s.disks().stream().allMatch(d -> Files.exists(dev.resolve(d))))
                    .isPresent());
            if (!ready) {
                return AgentResult.of(OcfStatus.ERR_GENERIC, "logged in to " + ctx.param("target") + " but its block devices did not appear under " + dev);
            }
        }
        Optional<String> alias = ctx.optParam("multipath_alias");
        if (alias.isPresent()) {
            Path mapper = dev.resolve("mapper").resolve(alias.get());
            if (!ctx.await(ctx.remaining(), () -> Files.exists(mapper))) {
                return AgentResult.of(OcfStatus.ERR_GENERIC, "multipath device " + mapper + " did not appear (is multipathd running and the alias configured?)");
            }
        }
        return AgentResult.success();
    }

    @Override
    public AgentResult stop(ActionContext ctx) {
        check(ctx);
        if (session(ctx).isPresent()) {
            logout(ctx);
        }
        if (session(ctx).isPresent()) {
            return AgentResult.of(OcfStatus.ERR_GENERIC, "session to " + ctx.param("target") + " still present after logout");
        }
        return AgentResult.success();
    }

    @Override
    public AgentResult monitor(ActionContext ctx) {
        check(ctx);
        Optional<IscsiSessions.Session> s = session(ctx);
        if (s.isEmpty()) {
            return AgentResult.notRunning();
        }
        if (s.get().stale()) {
            if (ctx.boolParam("try_recovery")) {
                logout(ctx);
                AgentResult again = start(ctx);
                if (again.is(OcfStatus.SUCCESS)) {
                    return AgentResult.success();
                }
            }
            return AgentResult.of(OcfStatus.ERR_GENERIC, "stale iSCSI session to " + ctx.param("target") + ": session "
                    + s.get().sessionState() + ", connection " + s.get().connectionState());
        }
        return AgentResult.success();
    }
}
