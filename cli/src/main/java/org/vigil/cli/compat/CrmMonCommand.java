package org.vigil.cli.compat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.vigil.cli.CliContext;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.QuickParsable;
import org.vigil.cli.status.MonOptions;
import org.vigil.cli.status.MonOptions.Section;
import org.vigil.cli.status.StatusCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Pacemaker's {@code crm_mon}: the cluster status in Pacemaker 2.1.5's layout, option for option. */
@Command(name = "crm_mon", hidden = true, mixinStandardHelpOptions = true,
        description = {"Show the cluster status once (Pacemaker's crm_mon, Pacemaker 2.1.5's layout).",
            "Continuous (interactive) mode is not available: crm_mon always shows one snapshot."},
        footer = {"", "Examples:", "  crm_mon -1", "  crm_mon -1 -rf", "  crm_mon -1 --output-as xml", "",
            "Exit codes: 0 ok, 1 error, 2 usage error."})
public final class CrmMonCommand implements QuickParsable {
    @Option(names = {"-1", "--one-shot"}, description = "show once and exit (always the case)")
    boolean oneShot;

    @Option(names = "--output-as", paramLabel = "FORMAT", description = "text (default), xml or json")
    String format;

    @Option(names = {"-X", "--as-xml"}, description = "the legacy XML document (<crm_mon version=...>)")
    boolean asXml;

    @Option(names = {"-r", "--inactive"}, description = "show inactive resources too")
    boolean inactive;

    @Option(names = {"-f", "--failcounts"}, description = "show the Migration Summary (fail counts per node)")
    boolean failcounts;

    @Option(names = {"-o", "--operations"}, description = "show each resource's operation history")
    boolean operations;

    @Option(names = {"-t", "--timing-details"}, description = "show operation times (implies -o)")
    boolean timing;

    @Option(names = {"-A", "--show-node-attributes"}, description = "show node attributes")
    boolean attributes;

    @Option(names = {"-n", "--group-by-node"}, description = "list resources under the nodes they run on")
    boolean groupByNode;

    @Option(names = {"-b", "--brief"}, description = "brief output: primitives counted per agent and node")
    boolean brief;

    @Option(names = {"-R", "--show-detail"}, description = "show clone instances and failure details")
    boolean detail;

    @Option(names = {"-c", "--tickets"}, description = "show tickets")
    boolean tickets;

    @Option(names = {"-L", "--neg-locations"}, arity = "0..1", fallbackValue = "", paramLabel = "PREFIX",
            description = "show negative location constraints (only ids starting with PREFIX)")
    String bans;

    @Option(names = {"-I", "--include"}, paramLabel = "SECTIONS", description = "sections to show (comma-separated)")
    List<String> include = new ArrayList<>();

    @Option(names = {"-U", "--exclude"}, paramLabel = "SECTIONS", description = "sections to hide (comma-separated)")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--node", paramLabel = "NODE", description = "only this node's information")
    String node;

    @Option(names = "--resource", paramLabel = "RSC", description = "only this resource's information")
    String resource;

    @Option(names = {"-i", "--interval"}, paramLabel = "SECONDS", description = "ignored (no continuous mode)")
    String interval;

    private final CliContext ctx;

    public CrmMonCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<String> quickOptions() {
        return List.of("oneShot -1 --one-shot", "format --output-as", "asXml -X --as-xml", "inactive -r --inactive",
                "failcounts -f --failcounts", "operations -o --operations", "timing -t --timing-details",
                "attributes -A --show-node-attributes", "groupByNode -n --group-by-node", "brief -b --brief",
                "detail -R --show-detail", "tickets -c --tickets", "bans? -L --neg-locations",
                "include -I --include", "exclude -U --exclude", "node --node", "resource --resource",
                "interval -i --interval");
    }

    @Override
    public Integer call() {
        if (format != null && !List.of("text", "json", "xml").contains(format)) {
            throw new CliException("--output-as " + format + " is not supported (text, xml or json)",
                    ExitCodes.USAGE);
        }
        String shown = asXml ? "legacy-xml" : format == null ? "text" : format;
        if (!oneShot && shown.equals("text")) {
            ctx.err().println("crm_mon: continuous mode is not available; showing one snapshot (as with -1)");
        }
        // XML answers carry every section unless --include/--exclude say otherwise, as Pacemaker's do
        EnumSet<Section> sections = shown.endsWith("xml") ? EnumSet.allOf(Section.class) : MonOptions.defaults();
        if (failcounts) {
            sections.add(Section.failcounts);
        }
        if (operations || timing) {
            sections.add(Section.operations);
        }
        if (attributes) {
            sections.add(Section.attributes);
        }
        if (tickets) {
            sections.add(Section.tickets);
        }
        if (bans != null) {
            sections.add(Section.bans);
        }
        for (String s : include) {
            MonOptions.apply(sections, s, true);
        }
        for (String s : exclude) {
            MonOptions.apply(sections, s, false);
        }
        MonOptions opts = new MonOptions(sections, inactive, groupByNode, brief, detail, timing,
                node == null ? List.of() : List.of(node), resource == null ? List.of() : List.of(resource), bans);
        return new StatusCommand(ctx).show(opts, shown, request());
    }

    /** The command line as an XML answer names it, rebuilt from the options (in a fixed order). */
    private String request() {
        List<String> args = new ArrayList<>(List.of("crm_mon"));
        if (oneShot) {
            args.add("-1");
        }
        if (format != null) {
            args.add("--output-as " + format);
        }
        for (String[] flag : new String[][] {{"-r", String.valueOf(inactive)}, {"-f", String.valueOf(failcounts)},
            {"-o", String.valueOf(operations)}, {"-t", String.valueOf(timing)}, {"-A", String.valueOf(attributes)},
            {"-n", String.valueOf(groupByNode)}, {"-b", String.valueOf(brief)}, {"-R", String.valueOf(detail)},
            {"-c", String.valueOf(tickets)}}) {
            if (flag[1].equals("true")) {
                args.add(flag[0]);
            }
        }
        if (bans != null) {
            args.add(bans.isEmpty() ? "-L" : "-L" + bans);
        }
        include.forEach(i -> args.add("--include=" + i));
        exclude.forEach(e -> args.add("--exclude=" + e));
        if (node != null) {
            args.add("--node=" + node);
        }
        if (resource != null) {
            args.add("--resource=" + resource);
        }
        return String.join(" ", args);
    }
}
