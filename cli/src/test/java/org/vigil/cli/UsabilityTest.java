package org.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class UsabilityTest {
    /** Commands owned by other modules' engineers document themselves in their own tests. */
    private static final List<String> OTHERS = List.of("ra", "simulate", "bench", "help");

    private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            if (OTHERS.contains(e.getKey()) || !e.getKey().equals(e.getValue().getCommandName())) {
                continue; // aliases are the same command
            }
            List<String> p = new ArrayList<>(path);
            p.add(e.getKey());
            out.add(p);
            collect(e.getValue(), p, out);
        }
    }

    @Test
    void everyCommandHasHelpWithAnExampleAndExitCodes(@TempDir Path dir) {
        CliRunner crm = new CliRunner(dir);
        List<List<String>> commands = new ArrayList<>();
        collect(CrmCommand.commandLine(new CliRunner(dir).context()), List.of(), commands);
        assertTrue(commands.size() > 50, "found " + commands.size());
        for (List<String> c : commands) {
            List<String> args = new ArrayList<>(c);
            args.add("--help");
            CliRunner.Result r = crm.run(args.toArray(new String[0]));
            String name = String.join(" ", c);
            assertEquals(0, r.code(), name + ": " + r.err());
            assertTrue(r.out().contains("Example"), name + " has no example:\n" + r.out());
            assertTrue(r.out().contains("Exit codes"), name + " does not document exit codes:\n" + r.out());
        }
    }

    @Test
    void aSubcommandBuiltAloneHasTheSameCommandsAndHelpAsInTheWholeTree(@TempDir Path dir) {
        CliContext ctx = new CliRunner(dir).context();
        CommandLine whole = CrmCommand.commandLine(ctx);
        int compared = 0;
        for (Map.Entry<String, CommandLine> top : whole.getSubcommands().entrySet()) {
            if (CrmCommand.subcommandNamed(top.getKey()) == null) {
                assertTrue(List.of("help", "completion").contains(top.getKey()), top.getKey() + " has no light root");
                continue;
            }
            CommandLine alone = CrmCommand.commandLine(ctx, top.getKey()).getSubcommands().get(top.getKey());
            compared += sameTree(top.getValue(), alone, top.getKey());
        }
        assertTrue(compared > 100, "compared " + compared);
    }

    private static int sameTree(CommandLine whole, CommandLine alone, String path) {
        assertEquals(whole.getUsageMessage(), alone.getUsageMessage(), path);
        assertEquals(whole.getSubcommands().keySet(), alone.getSubcommands().keySet(), path);
        int n = 1;
        for (Map.Entry<String, CommandLine> e : whole.getSubcommands().entrySet()) {
            n += sameTree(e.getValue(), alone.getSubcommands().get(e.getKey()), path + " " + e.getKey());
        }
        return n;
    }

    @Test
    void misspelledCommandsGetSuggestions(@TempDir Path dir) {
        CliRunner.Result r = new CliRunner(dir).run("configure", "primitve");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Did you mean") && r.err().contains("primitive"), r.err());
    }

    @Test
    void misspelledObjectKeywordsInFilesGetSuggestions(@TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("f.crm"), "primtive x ocf:heartbeat:Dummy\n");
        CliRunner.Result r = CliRunner.withCib(dir, "cib.xml").run("configure", "load", "update", "f.crm");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("f.crm:1: unknown object type 'primtive'")
                && r.err().contains("did you mean primitive?"), r.err());
    }

    @Test
    void completionScriptsForBashAndZsh(@TempDir Path dir) {
        CliRunner crm = new CliRunner(dir);
        CliRunner.Result bash = crm.run("completion", "bash");
        assertEquals(0, bash.code());
        assertTrue(bash.out().contains("complete -F") && bash.out().contains("standby"), bash.out());
        CliRunner.Result zsh = crm.run("completion", "zsh");
        assertTrue(zsh.out().startsWith("#compdef crm\nautoload -U +X bashcompinit && bashcompinit\n"));
    }

    @Test
    void badSubcommandUsageExitsTwo(@TempDir Path dir) {
        assertEquals(2, CliRunner.withCib(dir, "cib.xml").run("node", "attribute", "n1").code());
        assertEquals(2, CliRunner.withCib(dir, "cib.xml").run("configure", "primitive").code());
    }

    @Test
    void misspelledPropertyAndMetaNamesAreWarnedAboutWhenSet(@TempDir Path dir) {
        CliRunner crm = CliRunner.withCib(dir, "cib.xml");
        CliRunner.Result p = crm.run("configure", "property", "stonith-enable=false");
        assertEquals(0, p.code());
        assertTrue(p.err().contains("'stonith-enable' is not a cluster property Pacemaker knows; it has no effect "
                + "(did you mean stonith-enabled?)"), p.err());
        crm.run("configure", "primitive", "d", "ocf:pacemaker:Dummy");
        CliRunner.Result m = crm.run("resource", "meta", "d", "set", "migration-treshold", "5");
        assertTrue(m.err().contains("did you mean migration-threshold?"), m.err());
        assertEquals("", crm.run("configure", "rsc_defaults", "resource-stickiness=100").err());
    }

    @Test
    void crmshObjectsWithoutLanguageSupportAreRefusedAndXmlStillLoads(@TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("a.crm"), "user alice role:admin\n");
        CliRunner.Result r = CliRunner.withCib(dir, "cib.xml").run("configure", "load", "update", "a.crm");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("a.crm:1: 'user' is the ACL syntax of Pacemaker 1.1 and is not supported; write "
                + "acl_target ID ROLE..."), r.err());
        java.nio.file.Files.writeString(dir.resolve("x.crm"), "xml <alerts><alert id=\"a1\" "
                + "path=\"/usr/share/pacemaker/alerts/alert_file.sh\"/></alerts>\n");
        CliRunner crm = CliRunner.withCib(dir, "cib.xml");
        assertEquals(0, crm.run("configure", "load", "update", "x.crm").code());
        // alerts given as XML are shown in the language, which now has them
        assertTrue(crm.run("configure", "show").out().contains("alert a1 /usr/share/pacemaker/alerts/alert_file.sh"));
    }
}
