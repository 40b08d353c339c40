package org.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.vigil.cli.compat.CrmMonCommand;
import org.vigil.cli.status.StatusCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

class QuickOptionsTest {
    private final CliContext ctx = new CliContext(Map.of(), new ByteArrayInputStream(new byte[0]),
            new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
            Clock.systemUTC(), Path.of("."));

    @Test
    void quickOptionTablesListExactlyTheAnnotatedOptions() {
        for (QuickParsable c : List.of(new CrmMonCommand(ctx), new StatusCommand(ctx),
                new org.vigil.cli.compat.CrmAttributeCommand(ctx), new org.vigil.cli.configure.ShowCommand(ctx),
                new org.vigil.cli.compat.CrmResourceCommand(ctx))) {
            assertEquals(fromAnnotations(c.getClass()), new TreeSet<>(c.quickOptions()), c.getClass().getName());
        }
    }

    @Test
    void bundledFlagsAndAttachedValuesAreFilled() throws Exception {
        CrmMonCommand c = new CrmMonCommand(ctx);
        assertTrue(QuickOptions.populate(c, List.of("-1rf", "--output-as=xml", "-Lban-", "--include", "nodes")));
        assertEquals(true, field(c, "inactive"));
        assertEquals(true, field(c, "failcounts"));
        assertEquals("xml", field(c, "format"));
        assertEquals("ban-", field(c, "bans"));
        assertEquals(List.of("nodes"), field(c, "include"));
    }

    @Test
    void crmAttributesPlainCommandLinesAreFilledAndItsHelpIsLeftToPicocli() throws Exception {
        org.vigil.cli.compat.CrmAttributeCommand c = new org.vigil.cli.compat.CrmAttributeCommand(ctx);
        assertTrue(QuickOptions.populate(c, List.of("-t", "CRM_CONFIG", "-n", "stonith-enabled", "-Gq", "-p")));
        assertEquals("crm_config", String.valueOf(field(c, "type")));
        assertEquals("stonith-enabled", field(c, "name"));
        assertEquals(true, field(c, "query"));
        assertEquals(true, field(c, "quiet"));
        assertEquals("", field(c, "promotion"));
        // a value after -p in its own word is Picocli's to read (arity 0..1)
        for (List<String> args : List.of(List.of("--help"), List.of("-$"), List.of("-V"), List.of("-t=bogus"),
                List.of("-p", "rsc"))) {
            List<String> line = new ArrayList<>(List.of("-n", "x"));
            line.addAll(args);
            assertFalse(QuickOptions.populate(new org.vigil.cli.compat.CrmAttributeCommand(ctx), line),
                    args.toString());
        }
    }

    @Test
    void configureShowTakesItsObjectIdsAndLeavesOptionsToPicocli() throws Exception {
        org.vigil.cli.configure.ShowCommand c = new org.vigil.cli.configure.ShowCommand(ctx);
        assertTrue(QuickOptions.populate(c, List.of("vm01", "xml")));
        assertEquals(List.of("vm01", "xml"), field(c, "args"));
        assertFalse(QuickOptions.populate(new org.vigil.cli.configure.ShowCommand(ctx), List.of("vm01", "--help")));
    }

    @Test
    void crmNodesPlainQueriesAnswerAsThroughPicocli() {
        Map<String, String> env = Map.of("CIB_file", Path.of("../docs/examples/isp-drbd-ocfs2.xml").toAbsolutePath()
                .normalize().toString());
        for (List<String> line : List.of(List.of("-l"), List.of("--partition"), List.of("-q", "--force"))) {
            assertTrue(org.vigil.cli.compat.CrmNodeCommand.plainQuery(ctx, line) != null, line.toString());
            List<String> args = new ArrayList<>(List.of("crm_node"));
            args.addAll(line);
            StringWriter quick = new StringWriter();
            StringWriter picocli = new StringWriter();
            int quickCode = QuickCommands.run(context(env, quick), args.toArray(String[]::new));
            int picocliCode = CrmCommand.commandLine(context(env, picocli), args.toArray(String[]::new))
                    .execute(args.toArray(String[]::new));
            assertEquals(picocliCode, quickCode, line.toString());
            assertEquals(picocli.toString(), quick.toString(), line.toString());
            assertFalse(quick.toString().isBlank(), line.toString());
        }
        for (List<String> line : List.<List<String>>of(List.of("-R", "n1"), List.of("-l", "-p"), List.of(),
                List.of("--help"), List.of("-lp"))) {
            assertEquals(null, org.vigil.cli.compat.CrmNodeCommand.plainQuery(ctx, line), line.toString());
        }
    }

    private static CliContext context(Map<String, String> env, StringWriter out) {
        return new CliContext(env, new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true),
                new PrintWriter(new StringWriter()), Clock.systemUTC(), Path.of("."));
    }

    @Test
    void helpUnknownOptionsAndPositionalsAreLeftToPicocli() {
        for (String arg : List.of("--help", "-V", "--bogus", "extra")) {
            assertFalse(QuickOptions.populate(new CrmMonCommand(ctx), List.of("-1", arg)), arg);
        }
    }

    /** The {@code "field -x --long"} lines the annotations imply, {@code field?} for an optional value. */
    private static TreeSet<String> fromAnnotations(Class<?> type) {
        TreeSet<String> out = new TreeSet<>();
        for (Field f : type.getDeclaredFields()) {
            if (f.getAnnotation(Parameters.class) != null) {
                out.add(f.getName());
            }
            Option o = f.getAnnotation(Option.class);
            // help, version and repeatable flags are Picocli's to handle: the light parser leaves them to it
            if (o != null && !o.usageHelp() && !o.versionHelp() && !f.getType().isArray()) {
                List<String> words = new ArrayList<>();
                words.add(f.getName() + (o.arity().startsWith("0") && f.getType() != boolean.class ? "?" : ""));
                words.addAll(Arrays.asList(o.names()));
                out.add(String.join(" ", words));
            }
        }
        return out;
    }

    private static Object field(Object o, String name) throws Exception {
        Field f = o.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }
}
