package org.vigil.cli.resource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cli.CliRunner;

/** The crm commands operators expect beyond crmsh's basics, on a CIB where vm01 runs on brina. */
class OperatorCommandsTest {
    @TempDir
    Path dir;
    CliRunner crm;

    @BeforeEach
    void cib() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("running.xml")) {
            Files.write(dir.resolve("cib.xml"), in.readAllBytes());
        }
        crm = CliRunner.withCib(dir, "cib.xml");
    }

    private byte[] bytes() throws Exception {
        return Files.readAllBytes(dir.resolve("cib.xml"));
    }

    @Test
    void moveOfACloneWithoutANodeIsRefusedAndSaysWhatToDo() throws Exception {
        byte[] before = bytes();
        CliRunner.Result r = crm.run("resource", "move", "MS.DRBD");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("cannot move clone MS.DRBD without a node: clone instances run on several nodes")
                && r.err().contains("crm resource move MS.DRBD NODE --promoted"), r.err());
        assertEquals(1, crm.run("resource", "move", "DRBD").code());
        assertArrayEquals(before, bytes());
    }

    @Test
    void moveOfACloneToANodeMakesItsInstancesPreferThatNodeAsPacemakerDoes() {
        CliRunner.Result r = crm.run("resource", "move", "MS.DRBD", "piova");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("the instances of clone MS.DRBD prefer piova"), r.out());
        assertTrue(crm.run("configure", "show", "cli-prefer-MS.DRBD").out().contains("piova"));
    }

    @Test
    void promotedMoveOfAPromotableClonePrefersTheNodeForThePromotedRole() {
        CliRunner.Result r = crm.run("resource", "move", "MS.DRBD", "piova", "--promoted");
        assertEquals(0, r.code(), r.err());
        String show = crm.run("configure", "show", "cli-prefer-MS.DRBD").out();
        assertTrue(show.contains("cli-prefer-MS.DRBD MS.DRBD role=Promoted inf: piova")
                || show.contains("role=Promoted"), show);
    }

    @Test
    void moveOfAGroupMemberPrefersTheNodeAndSaysTheWholeGroupMoves() throws Exception {
        assertEquals(0, crm.run("configure", "primitive", "ip1", "ocf:heartbeat:IPaddr2", "params", "ip=10.0.0.9")
                .code());
        assertEquals(0, crm.run("configure", "group", "g1", "ip1").code());
        CliRunner.Result r = crm.run("resource", "move", "ip1", "piova");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("ip1 is a member of group g1: the whole group moves with it"), r.out());
        assertTrue(crm.run("configure", "show", "cli-prefer-ip1").out().contains("piova"));
    }

    @Test
    void moveWithALifetimeWordSaysWhenItExpires() {
        CliRunner.Result r = crm.run("resource", "move", "vm01", "piova", "lifetime=PT1H");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("expires at 2026-11-22T05:00:00Z"), r.out());
        assertFalse(r.out().contains("stays after the move"), r.out());
    }

    @Test
    void moveWithALifetimeSaysWhenItExpires() {
        CliRunner.Result r = crm.run("resource", "move", "vm01", "piova", "--lifetime", "PT1H");
        assertEquals(0, r.code(), r.err());
        // the runner's clock is 2026-11-22T04:00:00Z
        assertTrue(r.out().contains("expires at 2026-11-22T05:00:00Z"), r.out());
        assertFalse(r.out().contains("stays after the move"), r.out());
    }

    @Test
    void moveWithADurationInsteadOfANodeTakesItAsTheLifetimeAsCrmshDoes() {
        CliRunner.Result r = crm.run("resource", "move", "vm01", "PT1H");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("cli-ban-vm01-on-brina") && r.out().contains("2026-11-22T05:00:00Z"), r.out());
        assertEquals(1, crm.run("resource", "move", "vm01", "piovaa").code(), "a mistyped node stays an error");
    }

    @Test
    void refreshForgetsTheHistorySoTheClusterProbesAgain() {
        CliRunner.Result r = crm.run("resource", "refresh", "vm01");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Refreshed vm01 on brina"), r.out());
        assertEquals("resource vm01 is NOT running\n", crm.run("crm_resource", "-r", "vm01", "-W").err());
        assertEquals(0, crm.run("resource", "reprobe").code());
    }

    @Test
    void locateAnswersAsCrmResource() {
        CliRunner.Result r = crm.run("resource", "locate", "vm01");
        assertEquals("resource vm01 is running on: brina\n", r.out());
        CliRunner.Result none = crm.run("resource", "locate", "nosuch");
        assertEquals(105, none.code());
        assertEquals("crm_resource: Resource 'nosuch' not found\nError performing operation: No such object\n",
                none.err());
    }

    @Test
    void scoresAreTheSimulatorsOnTheCurrentCib() {
        CliRunner.Result r = crm.run("resource", "scores");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Assignment Scores:"), r.out());
        assertTrue(r.out().contains("vm01"), r.out());
        assertEquals(r.out(), crm.run("simulate", "-L", "-s").out());
    }

    @Test
    void configureSaveWritesTextThatLoadsBackAndKeepsItPrivate() throws Exception {
        CliRunner.Result r = crm.run("configure", "save", "saved.crm");
        assertEquals(0, r.code(), r.err());
        Path saved = dir.resolve("saved.crm");
        assertEquals(crm.run("configure", "show").out(), Files.readString(saved));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(saved)));
        CliRunner other = CliRunner.withCib(dir, "other.xml");
        assertEquals(0, other.run("configure", "load", "replace", saved.toString()).code());
        assertTrue(other.run("configure", "show").out().contains("primitive vm01 ocf:heartbeat:Xen"));
        assertEquals(0, crm.run("configure", "save", "xml", "saved.xml").code());
        assertTrue(Files.readString(dir.resolve("saved.xml")).startsWith("<configuration"));
    }

    @Test
    void globalForceAnswersTheQuestionsForTheCommand() throws Exception {
        assertEquals(0, crm.run("configure", "location", "l1", "vm01", "100:", "brina").code());
        assertEquals(1, crm.run("configure", "delete", "vm01").code());
        CliRunner.Result r = crm.run("-F", "configure", "delete", "vm01");
        assertEquals(0, r.code(), r.err());
        assertFalse(crm.run("configure", "show").out().contains("l1"));
    }

    @Test
    void clusterStartRunsSystemctlAndSaysSo() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path log = dir.resolve("systemctl.log");
        Path systemctl = bin.resolve("systemctl");
        Files.writeString(systemctl, "#!/bin/sh\necho \"$@\" >> " + log + "\necho started\n");
        systemctl.toFile().setExecutable(true);
        CliRunner live = new CliRunner(dir).env("PATH", bin + ":/usr/bin:/bin");
        CliRunner.Result r = live.run("cluster", "start");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("INFO: running: " + systemctl + " start vigild.service"), r.err());
        assertEquals("start vigild.service\n", Files.readString(log));
        assertEquals(0, live.run("cluster", "stop").code());
        assertEquals("start vigild.service\nstop vigild.service\n", Files.readString(log));
        assertEquals(1, crm.run("cluster", "start").code()); // CIB_file: no daemon to start
    }
}
