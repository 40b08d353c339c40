package org.vigil.agents.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.agents.ActionName;
import org.vigil.agents.AgentAction;
import org.vigil.agents.AgentId;
import org.vigil.agents.AgentRegistry;
import org.vigil.agents.AgentResult;
import org.vigil.agents.HostEnvironment;
import org.vigil.agents.LocalAgentExecutor;
import org.vigil.agents.OcfStatus;
import org.vigil.agents.TestHosts;

/**
 * The native Filesystem agent against emulated util-linux {@code mount}/{@code umount}, psmisc
 * {@code fuser}, ocfs2-tools {@code o2cb} and {@code dlm_tool} (src/test/resources/emulators/fs),
 * reading an emulated mount table in /proc/mounts format.
 */
class FilesystemAgentTest {
    @TempDir
    Path tmp;

    private Path mounts;
    private Path device;
    private Path mnt;
    private HostEnvironment host;
    private Process user;

    @BeforeEach
    void setUp() throws Exception {
        mounts = tmp.resolve("proc-mounts");
        Files.writeString(mounts, "proc /proc proc rw,nosuid 0 0\n");
        device = Files.writeString(tmp.resolve("drbd0"), "");
        mnt = tmp.resolve("mnt/vm images");
        host = TestHosts.withEmulators(tmp, "fs/mount", "fs/umount", "fs/fuser", "fs/o2cb", "fs/dlm_tool", "fs/fsck")
                .withEnv("EMU_MOUNTS", mounts.toString())
                .withProcMounts(mounts);
        Files.createDirectories(tmp.resolve("emu-state/fs"));
    }

    @AfterEach
    void tearDown() {
        if (user != null) {
            user.destroyForcibly();
        }
    }

    private Map<String, String> params(String fstype) {
        return new HashMap<>(Map.of("device", device.toString(), "directory", mnt.toString(), "fstype", fstype));
    }

    private AgentResult run(String instance, ActionName action, Map<String, String> params, Map<String, String> meta, int depth) {
        try (LocalAgentExecutor ex = new LocalAgentExecutor(AgentRegistry.of(List.of(new FilesystemAgent()), List.of()), host)) {
            return TestHosts.run(ex, new AgentAction(AgentId.ocf("heartbeat", "Filesystem"), instance, action, params, meta, depth, Duration.ofSeconds(4)));
        }
    }

    private AgentResult run(ActionName action, Map<String, String> params) {
        return run("fs", action, params, Map.of(), 0);
    }

    private void flag(String name) throws Exception {
        Files.writeString(tmp.resolve("emu-state/fs/" + name), "");
    }

    @Test
    void filesystemAgainstEmulatedMountMountsMonitorsAndUnmounts() throws Exception {
        Map<String, String> p = params("ext4");
        p.put("options", "noatime");
        assertEquals(OcfStatus.NOT_RUNNING, run(ActionName.MONITOR, p).status());
        assertEquals(OcfStatus.SUCCESS, run(ActionName.START, p).status(), () -> run(ActionName.START, p).exitReason());
        assertTrue(Files.readString(mounts).contains(device + " " + mnt.toString().replace(" ", "\\040") + " ext4 noatime"), Files.readString(mounts));
        assertEquals(OcfStatus.SUCCESS, run(ActionName.MONITOR, p).status());
        assertEquals(OcfStatus.SUCCESS, run(ActionName.START, p).status(), "start is idempotent");
        assertEquals(OcfStatus.SUCCESS, run(ActionName.STOP, p).status());
        assertEquals(OcfStatus.NOT_RUNNING, run(ActionName.MONITOR, p).status());
        assertEquals(OcfStatus.SUCCESS, run(ActionName.STOP, p).status(), "stop is idempotent");
    }

    @Test
    void filesystemMonitorDepth20WritesAndReadsAStatusFile() throws Exception {
        Map<String, String> p = params("ext4");
        assertEquals(OcfStatus.SUCCESS, run(ActionName.START, p).status(), () -> run(ActionName.START, p).exitReason());
        assertEquals(OcfStatus.SUCCESS, run("fs", ActionName.MONITOR, p, Map.of(), 20).status());
        assertTrue(Files.exists(mnt.resolve(".Filesystem_status/fs@node1")));
    }

    @Test
    void filesystemAgainstEmulatedUmountKillsTheUsersOfABusyMountPoint() throws Exception {
        Map<String, String> p = params("ext4");
        assertEquals(OcfStatus.SUCCESS, run(ActionName.START, p).status(), () -> run(ActionName.START, p).exitReason());
        user = new ProcessBuilder("sleep", "60").start();
        Files.writeString(tmp.resolve("emu-state/fs/users"), user.pid() + "\n");
        assertEquals(OcfStatus.SUCCESS, run(ActionName.STOP, p).status());
        assertTrue(user.waitFor(2, java.util.concurrent.TimeUnit.SECONDS), "the process holding the mount point was killed");
        String log = Files.readString(tmp.resolve("emu-state/fs.log"));
        assertTrue(log.contains("fuser -k -TERM -m " + mnt), log);
        assertEquals(OcfStatus.NOT_RUNNING, run(ActionName.MONITOR, p).status());
    }

    @Test
    void filesystemWithForceUnmountSafeFindsUsersThroughProcWithoutFuser() throws Exception {
        // a /proc tree laid out as the kernel's: <pid>/cwd and <pid>/fd/<n> are links to what the process uses
        Path proc = Files.createDirectories(tmp.resolve("proc"));
        Path procMounts = proc.resolve("mounts");
        Files.writeString(procMounts, "proc /proc proc rw 0 0\n");
        host = host.withEnv("EMU_MOUNTS", procMounts.toString()).withProcMounts(procMounts);
        Map<String, String> p = params("ext4");
        p.put("force_unmount", "safe");
        assertEquals(OcfStatus.SUCCESS, run(ActionName.START, p).status());
        user = new ProcessBuilder("sleep", "60").start();
        Path entry = Files.createDirectories(proc.resolve(Long.toString(user.pid())).resolve("fd"));
        Files.createSymbolicLink(entry.resolve("3"), mnt.resolve("disk.img"));
        Files.createSymbolicLink(entry.getParent().resolve("cwd"), Path.of("/"));
        Files.writeString(tmp.resolve("emu-state/fs/users"), user.pid() + "\n");
        assertEquals(OcfStatus.SUCCESS, run(ActionName.STOP, p).status());
        assertTrue(user.waitFor(2, java.util.concurrent.TimeUnit.SECONDS), "the process with a file open under the mount point was killed");
        assertFalse(Files.readString(tmp.resolve("emu-state/fs.log")).contains("fuser"), "safe mode does not run fuser");
    }

    @Test
    void filesystemAgainstEmulatedUmountWithForceUnmountFalseFailsOnABusyMountPoint() throws Exception {
        Map<String, String> p = params("ext4");
        p.put("force_unmount", "false");
        assertEquals(OcfStatus.SUCCESS, run(ActionName.START, p).status(), () -> run(ActionName.START, p).exitReason());
        user = new ProcessBuilder("sleep", "60").start();
        Files.writeString(tmp.resolve("emu-state/fs/users"), user.pid() + "\n");
        AgentResult r = run(ActionName.STOP, p);
        assertEquals(OcfStatus.ERR_GENERIC, r.status());
        assertTrue(r.exitReason().contains("target is busy"), r.exitReason());
        assertTrue(user.isAlive(), "no process is killed with force_unmount=false");
    }

    @Test
    void filesystemRefusesToCloneALocalFilesystem() {
        AgentResult r = run("fs:0", ActionName.START, params("ext4"), Map.of("clone_max", "2"), 0);
        assertEquals(OcfStatus.ERR_CONFIGURED, r.status());
        assertTrue(r.exitReason().contains("NOT cluster-aware"), r.exitReason());
        Map<String, String> forced = params("ext4");
        forced.put("force_clones", "true");
        assertEquals(OcfStatus.SUCCESS, run("fs:0", ActionName.START, forced, Map.of("clone_max", "2"), 0).status());
    }

    @Test
    void filesystemOcfs2AgainstEmulatedO2cbMountsOnlyWhenTheClusterStackIsOnline() throws Exception {
        AgentResult offline = run("ocfs:0", ActionName.START, params("ocfs2"), Map.of("clone_max", "2"), 0);
        assertEquals(OcfStatus.ERR_GENERIC, offline.status());
        assertTrue(offline.exitReason().contains("cluster stack is not running"), offline.exitReason());
        assertFalse(Files.readString(mounts).contains("ocfs2"), "nothing mounted without the stack");
        flag("o2cb_online");
        assertEquals(OcfStatus.SUCCESS, run("ocfs:0", ActionName.START, params("ocfs2"), Map.of("clone_max", "2"), 0).status());
        assertEquals(OcfStatus.SUCCESS, run("ocfs:0", ActionName.MONITOR, params("ocfs2"), Map.of("clone_max", "2"), 0).status());
    }

    @Test
    void filesystemOcfs2AgainstEmulatedDlmToolAcceptsThePacemakerStack() throws Exception {
        flag("dlm_running");
        assertEquals(OcfStatus.SUCCESS, run("ocfs:1", ActionName.START, params("ocfs2"), Map.of("clone_max", "2"), 0).status());
    }

    @Test
    void filesystemOcfs2WithoutAnyClusterStackToolIsNotInstalled() throws Exception {
        host = host.withPath(tmp.resolve("bin-min") + ":/usr/bin:/bin");
        Path bin = Files.createDirectories(tmp.resolve("bin-min"));
        TestHosts.copyEmulator("fs/mount", bin);
        TestHosts.copyEmulator("fs/umount", bin);
        assertEquals(OcfStatus.ERR_INSTALLED, run(ActionName.START, params("ocfs2")).status());
    }

    @Test
    void filesystemAgainstEmulatedMountReportsAMissingDevice() {
        Map<String, String> p = params("xfs");
        p.put("device", tmp.resolve("no-such-disk").toString());
        AgentResult r = run(ActionName.START, p);
        assertEquals(OcfStatus.ERR_GENERIC, r.status());
        assertTrue(r.exitReason().contains("does not exist"), r.exitReason());
    }

    @Test
    void filesystemWithBadParametersIsNotConfigured() {
        assertEquals(OcfStatus.ERR_CONFIGURED, run(ActionName.START, Map.of("device", device.toString())).status());
        Map<String, String> rel = params("ext4");
        rel.put("directory", "relative/dir");
        assertEquals(OcfStatus.ERR_CONFIGURED, run(ActionName.START, rel).status());
        Map<String, String> badForce = params("ext4");
        badForce.put("force_unmount", "maybe");
        assertEquals(OcfStatus.ERR_CONFIGURED, run(ActionName.STOP, badForce).status());
    }

    @Test
    void filesystemAgainstEmulatedFsckChecksFilesystemsThatNeedItBeforeMounting() throws Exception {
        assertEquals(OcfStatus.SUCCESS, run(ActionName.START, params("ext2")).status());
        assertTrue(Files.readString(tmp.resolve("emu-state/fs.log")).contains("fsck -t ext2 -p " + device), "ext2 has no journal: checked");
        run(ActionName.STOP, params("ext2"));
        assertEquals(OcfStatus.SUCCESS, run(ActionName.START, params("ext4")).status());
        assertEquals(1, Files.readString(tmp.resolve("emu-state/fs.log")).split("fsck ", -1).length - 1, "ext4 is not checked in auto mode");
        run(ActionName.STOP, params("ext4"));
        Files.writeString(tmp.resolve("emu-state/fs/fsck_rc"), "4");
        Map<String, String> forced = params("ext4");
        forced.put("run_fsck", "force");
        AgentResult r = run(ActionName.START, forced);
        assertEquals(OcfStatus.ERR_GENERIC, r.status());
        assertTrue(r.exitReason().contains("Couldn't successfully fsck"), r.exitReason());
        assertFalse(Files.readString(mounts).contains(" ext4 "), "a filesystem with errors is not mounted");
        Files.writeString(tmp.resolve("emu-state/fs/fsck_rc"), "1");
        assertEquals(OcfStatus.SUCCESS, run(ActionName.START, forced).status(), "errors corrected: mount");
    }

    @Test
    void mountTableUnescapesOctalSequences() {
        MountTable t = MountTable.parse("/dev/sdb1 /srv/vm\\040images ext4 rw 0 0\n");
        assertEquals("/dev/sdb1", t.at("/srv/vm images/").orElseThrow().device());
    }
}
