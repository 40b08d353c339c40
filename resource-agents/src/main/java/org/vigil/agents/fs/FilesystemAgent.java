package org.vigil.agents.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
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
 * {@code ocf:heartbeat:Filesystem}: mounts {@code device} on {@code directory}, refuses to run a
 * local filesystem as a clone (it would be corrupted), checks that the o2cb or dlm stack is up
 * before mounting OCFS2, unmounts by killing users of a busy mount point when
 * {@code force_unmount} allows, and monitors through the mount table plus read (depth 10) and
 * write (depth 20) probes.
 */
public final class FilesystemAgent implements ResourceAgent {
    /** Filesystems that several nodes may mount at once (the classic agent's CLUSTERSAFE list). */
    /** Types the classic agent never checks in auto mode (journaling, cluster or network filesystems). */
    static final Set<String> NO_AUTO_FSCK = Set.of("ext4", "ext4dev", "ext3", "reiserfs", "reiser4", "nss", "xfs", "jfs", "vfat",
            "fat", "nfs4", "nfs", "efs", "cifs", "smbfs", "ocfs2", "gfs2", "none", "lustre", "glusterfs", "ceph", "tmpfs",
            "overlay", "overlayfs", "rozofs", "zfs", "cvfs");

    static final Set<String> CLUSTER_SAFE = Set.of("ocfs2", "gfs2", "nfs", "nfs4", "cifs", "smbfs", "efs", "glusterfs",
            "ceph", "lustre", "none", "tmpfs", "overlay", "overlayfs", "cvfs");

    private static final AgentMetadata METADATA = new AgentMetadata("Filesystem", "1.1",
            "Manages filesystem mounts",
            "Mounts a device (or NFS/SMB share, or cluster filesystem such as OCFS2) on a directory. Cloning is allowed "
                    + "only for cluster-safe filesystems unless force_clones is set. Monitor depth 10 reads the mount point, "
                    + "depth 20 also writes and reads a status file.",
            List.of(ParameterSpec.required("device", "string", "The name of the block device, NFS export or -U/-L spec"),
                    ParameterSpec.required("directory", "string", "The mount point"),
                    ParameterSpec.required("fstype", "string", "The type of filesystem to mount (e.g. ext4, xfs, ocfs2)"),
                    ParameterSpec.optional("options", "string", null, "Options for mount -o"),
                    ParameterSpec.optional("statusfile_prefix", "string", ".Filesystem_status/", "Prefix of the status file written by depth 20 monitors"),
                    ParameterSpec.optional("run_fsck", "string", "auto",
                            "auto: fsck -p block devices of filesystem types that need it (not journaling/cluster/network ones); force: always; no: never"),
                    ParameterSpec.optional("fast_stop", "boolean", "no", "Accepted for compatibility; stop always retries umount once per poll interval"),
                    ParameterSpec.optional("force_clones", "boolean", "false", "Allow cloning a filesystem that is not cluster-safe (dangerous)"),
                    ParameterSpec.optional("force_unmount", "string", "true", "Kill processes using the mount point to unmount it: true (found with fuser), safe (found through /proc, never blocks on the filesystem) or false")),
            List.of(ActionSpec.of("start", 60), ActionSpec.of("stop", 60), ActionSpec.monitor(40, 20),
                    ActionSpec.of("meta-data", 5), ActionSpec.of("validate-all", 5)));

    @Override
    public AgentId id() {
        return AgentId.ocf("heartbeat", "Filesystem");
    }

    @Override
    public AgentMetadata metadata() {
        return METADATA;
    }

    private static String dir(ActionContext ctx) {
        return MountTable.normalize(ctx.param("directory"));
    }

    private static String fstype(ActionContext ctx) {
        return ctx.param("fstype").toLowerCase(Locale.ROOT);
    }

    private static boolean isClone(ActionContext ctx) {
        return !ctx.meta("clone_max").isEmpty() || !ctx.meta("clone").isEmpty() || ctx.instance().contains(":");
    }

    @Override
    public AgentResult validateAll(ActionContext ctx) {
        if (!ctx.param("directory").startsWith("/") || dir(ctx).equals("/")) {
            return AgentResult.of(OcfStatus.ERR_CONFIGURED, "directory must be an absolute path other than /, not '" + ctx.param("directory") + "'");
        }
        if (!ctx.param("fstype").matches("[A-Za-z0-9_.-]+")) {
            return AgentResult.of(OcfStatus.ERR_CONFIGURED, "fstype '" + ctx.param("fstype") + "' is not a filesystem type name");
        }
        String fu = ctx.param("force_unmount").toLowerCase(Locale.ROOT);
        if (!Set.of("true", "yes", "1", "on", "safe", "false", "no", "0", "off").contains(fu)) {
            return AgentResult.of(OcfStatus.ERR_CONFIGURED, "force_unmount must be true, safe or false, not '" + ctx.param("force_unmount") + "'");
        }
        if (isClone(ctx) && !CLUSTER_SAFE.contains(fstype(ctx)) && !ctx.boolParam("force_clones")) {
            return AgentResult.of(OcfStatus.ERR_CONFIGURED, "DANGER! " + fstype(ctx) + " on " + ctx.param("device")
                    + " is NOT cluster-aware: cloning it would corrupt it (set force_clones=true only if each clone instance has its own device)");
        }
        if (!ctx.hasTool("mount") || !ctx.hasTool("umount")) {
            return AgentResult.of(OcfStatus.ERR_INSTALLED, "mount and umount must be on PATH");
        }
        return AgentResult.success();
    }

    private void check(ActionContext ctx) {
        AgentResult v = validateAll(ctx);
        if (!v.is(OcfStatus.SUCCESS)) {
            throw new AgentFailure(v.status(), v.exitReason());
        }
    }

    private static Optional<MountTable.Entry> mounted(ActionContext ctx) {
        return MountTable.read(ctx.host().procMounts()).at(dir(ctx));
    }

    /**
     * OCFS2 needs its cluster stack: the classic o2cb stack (o2cb cluster-status says "online")
     * or the pacemaker stack with dlm_controld (dlm_tool ls answers).
     */
    static void requireOcfs2Stack(ActionContext ctx) {
        boolean haveO2cb = ctx.hasTool("o2cb");
        boolean haveDlm = ctx.hasTool("dlm_tool");
        if (!haveO2cb && !haveDlm) {
            throw AgentFailure.installed("OCFS2 needs the o2cb or dlm cluster stack, but neither o2cb nor dlm_tool is installed");
        }
        List<String> why = new ArrayList<>();
        if (haveO2cb) {
            CommandResult r = ctx.run(Duration.ofSeconds(10), "o2cb", "cluster-status");
            if (r.ok() && r.stdout().contains("online")) {
                return;
            }
            why.add(r.describe());
        }
        if (haveDlm) {
            CommandResult r = ctx.run(Duration.ofSeconds(10), "dlm_tool", "ls");
            if (r.ok()) {
                return;
            }
            why.add(r.describe());
        }
        throw AgentFailure.generic("OCFS2 cluster stack is not running (start o2cb, or dlm via ocf:pacemaker:controld first): " + String.join("; ", why));
    }

    @Override
    public AgentResult start(ActionContext ctx) {
        check(ctx);
        Optional<MountTable.Entry> m = mounted(ctx);
        if (m.isPresent()) {
            if (!m.get().device().equals(ctx.param("device")) && !ctx.param("device").startsWith("-")) {
                return AgentResult.of(OcfStatus.ERR_GENERIC, dir(ctx) + " is already mounted from " + m.get().device() + ", not " + ctx.param("device"));
            }
            return AgentResult.success();
        }
        if (fstype(ctx).equals("ocfs2")) {
            requireOcfs2Stack(ctx);
        }
        AgentResult checked = fsckIfNeeded(ctx);
        if (!checked.is(OcfStatus.SUCCESS)) {
            return checked;
        }
        try {
            Files.createDirectories(Path.of(dir(ctx)));
        } catch (IOException e) {
            return AgentResult.of(OcfStatus.ERR_GENERIC, "cannot create mount point " + dir(ctx) + ": " + e.getMessage());
        }
        List<String> args = new ArrayList<>(List.of("-t", ctx.param("fstype")));
        ctx.optParam("options").ifPresent(o -> args.addAll(List.of("-o", o)));
        args.add(ctx.param("device"));
        args.add(dir(ctx));
        CommandResult r = ctx.run("mount", args.toArray(String[]::new));
        if (!r.ok()) {
            return AgentResult.of(OcfStatus.ERR_GENERIC, "Couldn't mount device [" + ctx.param("device") + "] as " + dir(ctx) + ": " + r.describe());
        }
        if (mounted(ctx).isEmpty()) {
            return AgentResult.of(OcfStatus.ERR_GENERIC, "mount reported success but " + dir(ctx) + " is not in " + ctx.host().procMounts());
        }
        return AgentResult.success();
    }

    static boolean fsckNeeded(ActionContext ctx) {
        String device = ctx.param("device");
        // only block devices: not NFS (host:/path), SMB (//host/share) or -U/-L specs resolved by mount
        if (!device.startsWith("/") || device.startsWith("//")) {
            return false;
        }
        return switch (ctx.param("run_fsck").toLowerCase(Locale.ROOT)) {
            case "force" -> true;
            case "no" -> false;
            // anything else falls back to auto, as the classic agent does
            default -> !NO_AUTO_FSCK.contains(fstype(ctx));
        };
    }

    /** fsck -p exits 0 (clean) or 1-3 (fixed, reboot advised); 4 and above mean the filesystem is not usable. */
    private static AgentResult fsckIfNeeded(ActionContext ctx) {
        if (!fsckNeeded(ctx)) {
            return AgentResult.success();
        }
        CommandResult r = ctx.run("fsck", "-t", ctx.param("fstype"), "-p", ctx.param("device"));
        if (r.exitCode() >= 4) {
            return AgentResult.of(OcfStatus.ERR_GENERIC, "Couldn't successfully fsck filesystem for " + ctx.param("device") + ": " + r.describe());
        }
        return AgentResult.success();
    }

    @Override
    public AgentResult stop(ActionContext ctx) {
        check(ctx);
        if (mounted(ctx).isEmpty()) {
            return AgentResult.success();
        }
        String force = ctx.param("force_unmount").toLowerCase(Locale.ROOT);
        boolean mayKill = !Set.of("false", "no", "0", "off").contains(force);
        // half of the time users get SIGTERM, then SIGKILL, like the classic agent
        Duration half = ctx.remaining().dividedBy(2);
        for (String signal : List.of("TERM", "KILL")) {
            Instant until = Instant.now().plus(half);
            do {
                CommandResult r = ctx.run("umount", dir(ctx));
                if (mounted(ctx).isEmpty()) {
                    return AgentResult.success();
                }
                if (!mayKill) {
                    return AgentResult.of(OcfStatus.ERR_GENERIC, "Couldn't unmount " + dir(ctx) + " and force_unmount=" + force + ": " + r.describe());
                }
                killUsers(ctx, force.equals("safe"), signal);
                ctx.pause(ctx.host().pollInterval());
            } while (Instant.now().isBefore(until) && !ctx.remaining().isZero());
        }
        return AgentResult.of(OcfStatus.ERR_GENERIC, "Couldn't unmount " + dir(ctx) + ", giving up");
    }

    /** fuser by default; with force_unmount=safe the users are found through /proc (the directory holding the mount table). */
    private static void killUsers(ActionContext ctx, boolean safe, String signal) {
        if (safe) {
            Path procRoot = ctx.host().procMounts().toAbsolutePath().getParent();
            for (long pid : MountUsers.find(procRoot, dir(ctx))) {
                ProcessHandle.of(pid).ifPresent(h -> {
                    if (signal.equals("KILL")) {
                        h.destroyForcibly();
                    } else {
                        h.destroy();
                    }
                });
            }
            return;
        }
        if (!ctx.hasTool("fuser")) {
            throw AgentFailure.installed("fuser is needed to kill the users of busy mount point " + dir(ctx) + " (or set force_unmount=safe)");
        }
        ctx.run("fuser", "-k", "-" + signal, "-m", dir(ctx));
    }

    @Override
    public AgentResult monitor(ActionContext ctx) {
        check(ctx);
        if (mounted(ctx).isEmpty()) {
            return AgentResult.notRunning();
        }
        Path directory = Path.of(dir(ctx));
        if (ctx.depth() >= 10) {
            try (Stream<Path> s = Files.list(directory)) {
                s.findFirst();
            } catch (IOException e) {
                return AgentResult.of(OcfStatus.ERR_GENERIC, "read probe of " + directory + " failed: " + e.getMessage());
            }
        }
        if (ctx.depth() >= 20) {
            Path status = directory.resolve(ctx.param("statusfile_prefix") + ctx.instance().replace(':', '_') + "@" + ctx.localNode());
            String stamp = Instant.now().toString();
            try {
                Files.createDirectories(status.getParent());
                Files.writeString(status, stamp + "\n");
                if (!Files.readString(status).strip().equals(stamp)) {
                    return AgentResult.of(OcfStatus.ERR_GENERIC, "write probe of " + status + " read back different data");
                }
            } catch (IOException e) {
                return AgentResult.of(OcfStatus.ERR_GENERIC, "write probe of " + status + " failed: " + e.getMessage());
            }
        }
        return AgentResult.success();
    }
}
