package org.vigil.cli.configure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cib.CibXml;
import org.vigil.cli.CliRunner;

class ConfigureCommandsTest {
    @TempDir
    Path dir;
    CliRunner crm;

    @BeforeEach
    void stack() {
        crm = CliRunner.withCib(dir, "cib.xml");
        crm.sh("crm configure property stonith-enabled=false");
        crm.sh("crm configure primitive ip ocf:heartbeat:IPaddr2 params ip=10.0.0.1 op monitor interval=10s");
        crm.sh("crm configure primitive web ocf:heartbeat:apache op monitor interval=20s");
        crm.sh("crm configure group g ip web");
        crm.sh("crm configure location prefer-g g 100: server50");
    }

    private byte[] cib() throws Exception {
        return Files.readAllBytes(dir.resolve("cib.xml"));
    }

    @Test
    void definingAnExistingIdIsRefusedAndChangesNothing() throws Exception {
        byte[] before = cib();
        CliRunner.Result r = crm.sh("crm configure primitive ip ocf:heartbeat:Dummy");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("resource 'ip' already exists"), r.err());
        assertArrayEquals(before, cib());
    }

    @Test
    void syntaxErrorIsAUsageErrorWithAClearMessage() throws Exception {
        byte[] before = cib();
        CliRunner.Result r = crm.sh("crm configure primitive x ocf:heartbeat:Dummy op monitor intervall=10s");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown attribute 'intervall'") && r.err().contains("did you mean interval?"),
                r.err());
        assertArrayEquals(before, cib());
    }

    @Test
    void constraintOnAMissingResourceIsRejectedWithASuggestion() throws Exception {
        byte[] before = cib();
        CliRunner.Result r = crm.sh("crm configure colocation c inf: webb ip");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("change rejected, CIB unchanged") && r.err().contains("did you mean web?"),
                r.err());
        assertArrayEquals(before, cib());
    }

    @Test
    void showPrintsOneObjectAndSuggestsOnTypos() {
        assertEquals("group g ip web\n", crm.run("configure", "show", "g").out());
        CliRunner.Result r = crm.run("configure", "show", "prefer-h");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("did you mean prefer-g?"), r.err());
    }

    @Test
    void showXmlPrintsPacemakerXml() {
        String xml = crm.run("configure", "show", "g", "xml").out();
        assertTrue(xml.startsWith("<group id=\"g\">"), xml);
        assertTrue(crm.run("configure", "show", "xml").out().startsWith("<configuration>"));
    }

    @Test
    void deleteRefusesToLeaveDanglingConstraintsUnlessForced() throws Exception {
        byte[] before = cib();
        CliRunner.Result r = crm.run("configure", "delete", "g");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("prefer-g (refers to g)") && r.err().contains("--force"), r.err());
        assertArrayEquals(before, cib());
        CliRunner.Result forced = crm.run("configure", "delete", "--force", "g");
        assertEquals(0, forced.code(), forced.err());
        assertTrue(forced.err().contains("also deleted constraints prefer-g"), forced.err());
        String show = crm.run("configure", "show").out();
        assertFalse(show.contains("group g") || show.contains("prefer-g"), show);
        assertTrue(show.contains("primitive ip") && show.contains("primitive web"), "members stay: " + show);
    }

    @Test
    void deletingTheLastGroupMemberDeletesTheGroup() {
        crm.run("configure", "delete", "prefer-g");
        assertEquals(0, crm.run("configure", "delete", "ip", "web").code());
        assertEquals("property cib-bootstrap-options: \\\n\tstonith-enabled=false\n",
                crm.run("configure", "show").out());
    }

    @Test
    void loadReplaceMakesTheConfigurationWhatTheFileSays() throws Exception {
        Files.writeString(dir.resolve("new.crm"), "primitive d ocf:pacemaker:Dummy \\\n\top monitor interval=10s\n");
        CliRunner.Result r = crm.run("configure", "load", "replace", "new.crm");
        assertEquals(0, r.code(), r.err());
        assertEquals("primitive d ocf:pacemaker:Dummy \\\n\top monitor interval=10s\n",
                crm.run("configure", "show").out());
    }

    @Test
    void loadNamesTheFileAndLineOfAnError() throws Exception {
        byte[] before = cib();
        Files.writeString(dir.resolve("bad.crm"), "primitive d ocf:pacemaker:Dummy\n\nlocation l d 100 server50\n");
        CliRunner.Result r = crm.run("configure", "load", "update", "bad.crm");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("crm: bad.crm:3: expected a score followed by ':'"), r.err());
        assertArrayEquals(before, cib());
    }

    @Test
    void loadFromStandardInput() {
        CliRunner.Result r = crm.stdin("rsc_defaults resource-stickiness=100\n").run("configure", "load", "update", "-");
        assertEquals(0, r.code(), r.err());
        assertTrue(crm.run("configure", "show").out().contains("resource-stickiness=100"));
    }

    private Path editor(String script) throws Exception {
        Path e = dir.resolve("editor.sh");
        Files.writeString(e, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(e, PosixFilePermissions.fromString("rwx------"));
        return e;
    }

    @Test
    void editAppliesTheEditedText() throws Exception {
        Path e = editor("sed -i 's/interval=20s/interval=40s/' \"$1\"");
        CliRunner.Result r = crm.env("EDITOR", e.toString()).run("configure", "edit", "web");
        assertEquals(0, r.code(), r.err());
        assertTrue(crm.run("configure", "show", "web").out().contains("op monitor interval=40s"));
        assertEquals(6, CibXml.parse(Files.readString(dir.resolve("cib.xml"))).version().epoch(), "one stored change");
    }

    @Test
    void editRemovingAnObjectsTextDeletesIt() throws Exception {
        Path e = editor("sed -i '/^location/d' \"$1\"");
        assertEquals(0, crm.env("EDITOR", e.toString()).run("configure", "edit").code());
        assertFalse(crm.run("configure", "show").out().contains("prefer-g"));
    }

    @Test
    void invalidEditIsReopenedWithTheErrorAndGivingUpLeavesTheCib() throws Exception {
        byte[] before = cib();
        // first round breaks the reference; second round (with the error on top) leaves the text as it is
        Path e = editor("if grep -q '^# ERROR' \"$1\"; then cp \"$1\" " + dir.resolve("seen.txt")
                + "; exit 0; fi\nsed -i 's/^location prefer-g g/location prefer-g gg/' \"$1\"");
        CliRunner.Result r = crm.env("EDITOR", e.toString()).run("configure", "edit");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("edit abandoned; the CIB is unchanged"), r.err());
        assertTrue(Files.readString(dir.resolve("seen.txt")).contains("refers to resource 'gg'"));
        assertArrayEquals(before, cib());
    }

    @Test
    void unchangedEditSaysSo() throws Exception {
        Path e = editor("true");
        CliRunner.Result r = crm.env("EDITOR", e.toString()).run("configure", "edit");
        assertEquals(0, r.code());
        assertEquals("no changes\n", r.out());
    }

    @Test
    void editKeepsUntouchedObjectsExactlyAsStored() throws Exception {
        // a legacy <master> prints as ms; an edit elsewhere must not rewrite it as a clone
        String xml = Files.readString(dir.resolve("cib.xml")).replace("</resources>",
                "<master id=\"ms1\"><primitive id=\"drbd\" class=\"ocf\" provider=\"linbit\" type=\"drbd\">"
                        + "<operations><op id=\"drbd-mon\" name=\"monitor\" interval=\"20\"/></operations>"
                        + "</primitive></master></resources>");
        Files.writeString(dir.resolve("cib.xml"), xml);
        Path e = editor("sed -i 's/interval=20s/interval=40s/' \"$1\"");
        assertEquals(0, crm.env("EDITOR", e.toString()).run("configure", "edit").code());
        assertTrue(Files.readString(dir.resolve("cib.xml")).contains("<master id=\"ms1\">"));
    }
}
