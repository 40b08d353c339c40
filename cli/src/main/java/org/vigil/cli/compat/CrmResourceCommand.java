package org.vigil.cli.compat;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vigil.cib.Cib;
import org.vigil.cib.Clone;
import org.vigil.cib.Group;
import org.vigil.cib.NvSet;
import org.vigil.cib.NvSets;
import org.vigil.cib.Primitive;
import org.vigil.cib.Resource;
import org.vigil.cli.CibCommand;
import org.vigil.cli.CliContext;
import org.vigil.cli.CliException;
import org.vigil.cli.status.ResourceText;
import org.vigil.scheduler.StatusReader;
import org.vigil.scheduler.StatusReading;
import org.vigil.scheduler.StatusReading.Item;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Pacemaker 2.1.5's {@code crm_resource}: the queries answered as its text output does (read through the
 * scheduler's unpack), the changes mapped onto {@code crm resource}, and Pacemaker's exit codes.
 */
@Command(name = "crm_resource", hidden = true, versionProvider = org.vigil.cli.VersionProvider.class,
        description = {"Resource queries and actions (Pacemaker's crm_resource). Without an action: --list."},
        footer = {"", "Examples:", "  crm_resource --list", "  crm_resource -l", "  crm_resource -r vm01 --locate",
            "  crm_resource -r clone-rsc:0 -W", "  crm_resource -r vm01 --constraints", "  crm_resource --why -r vm01",
            "  crm_resource -O -N node1", "  crm_resource -r vm01 --cleanup", "  crm_resource -r VM.1 --move -N piova",
            "  crm_resource -r VM.1 --clear", "  crm_resource -r vm01 -p xmfile -v /etc/xen/vm01.cfg",
            "  crm_resource -r vm01 --meta -g target-role", "",
            "Exit codes (Pacemaker's): 0 ok, 1 error, 2 invalid parameter (a clone instance named for a move),",
            "3 not implemented by Vigil, 64 usage error, 102 not connected (live-only actions offline),",
            "105 no such resource or node, 108 already as requested."})
public final class CrmResourceCommand extends CibCommand implements Callable<Integer> {
    /** Pacemaker's CRM_EX_* codes crm_resource exits with. */
    static final int EX_ERROR = 1;
    static final int EX_UNIMPLEMENTED = 3;
    static final int EX_USAGE = 64;
    static final int EX_NOSUCH = 105;

    static final int EX_INVALID_PARAM = 2;
    static final int EX_NOT_CONNECTED = 102;
    static final int EX_EXISTS = 108;

    @Option(names = {"-h", "--help", "--help-all", "--help-output", "--help-queries", "--help-commands",
        "--help-locations", "--help-advanced", "--help-additional"}, usageHelp = true, description = "show this help")
    boolean help;

    @Option(names = {"-$", "--version"}, versionHelp = true, description = "show the version")
    boolean version;

    @Option(names = {"-V", "--verbose"}, description = "accepted (Pacemaker: more debug output)")
    boolean[] verbose;

    @Option(names = {"-Q", "--quiet"}, description = "less output: -W prints node names only, --clear nothing")
    boolean quiet;

    @Option(names = {"--output-as"}, paramLabel = "FORMAT", description = "text (the default); xml is not implemented")
    String outputAs;

    @Option(names = {"--promoted", "--master"}, description = "with -M/-B: the promoted role only")
    boolean promoted;

    @Option(names = {"-e", "--expired"}, description = "with -U: only constraints whose lifetime has ended")
    boolean expired;

    @Option(names = {"-n", "--operation"}, paramLabel = "OP", description = "with -C: the operation's failures")
    String operation;

    @Option(names = {"-I", "--interval"}, paramLabel = "N", description = "with -C -n: the operation's interval")
    String interval;

    @Option(names = {"-t", "--resource-type"}, paramLabel = "ELEMENT", description = "with -D: primitive, group, ...")
    String resourceType;

    @Option(names = {"-s", "--set-name"}, paramLabel = "ID", description = "with -p/-d: the attribute set's XML id")
    String setName;

    @Option(names = {"-i", "--nvpair"}, paramLabel = "ID", description = "with -p/-d: the nvpair's XML id")
    String nvpairId;

    @Option(names = {"-T", "--timeout"}, paramLabel = "N", description = "with --restart: how long to wait")
    String timeout;

    @Option(names = "--list-standards", description = "the agent standards (classes) available")
    boolean listStandards;

    @Option(names = "--list-ocf-providers", description = "the OCF providers available")
    boolean listProviders;

    @Option(names = "--list-agents", paramLabel = "STD[:PROV]", description = "the agents of a standard/provider")
    String listAgents;

    @Option(names = "--list-ocf-alternatives", paramLabel = "AGENT", description = "the providers of an OCF agent")
    String listAlternatives;

    @Option(names = "--show-metadata", paramLabel = "SPEC", description = "an agent's meta-data (class:provider:type)")
    String showMetadata;

    @Option(names = {"--validate", "--force-check"}, arity = "0..1", fallbackValue = "", paramLabel = "LEVEL",
            description = "not implemented by Vigil (use 'crm ra exec')")
    String validate;

    @Option(names = {"--force-start", "--force-stop", "--force-demote", "--force-promote", "--digests"},
            description = "not implemented by Vigil (use 'crm ra exec')")
    boolean forceAction;

    @Option(names = {"--class", "--agent", "--provider", "--option"}, paramLabel = "VALUE",
            description = "with --validate (not implemented by Vigil)")
    List<String> agentOptions;

    @Option(names = {"--output-to"}, paramLabel = "DEST", description = "not implemented by Vigil (stdout only)")
    String outputTo;

    @Option(names = {"--text-fancy"}, description = "not implemented by Vigil")
    boolean textFancy;

    @Option(names = {"-L", "--list"}, description = "all resources with their status")
    boolean list;

    @Option(names = {"-l", "--list-raw"}, description = "ids of all primitives and clone instances")
    boolean listRaw;

    @Option(names = {"-O", "--list-operations"}, description = "active operations (filter: -r, -N)")
    boolean listOperations;

    @Option(names = {"-o", "--list-all-operations"}, description = "all recorded operations (filter: -r, -N)")
    boolean listAllOperations;

    @Option(names = {"-r", "--resource"}, paramLabel = "RSC", description = "resource id (clone instances: rsc:N)")
    String rsc;

    @Option(names = {"-W", "--locate"}, description = "the nodes RSC runs on, one line each")
    boolean locate;

    @Option(names = {"-a", "--constraints"}, description = "location and colocation constraints of RSC")
    boolean constraints;

    @Option(names = {"-A", "--stack"}, description = "--constraints following colocation chains")
    boolean stack;

    @Option(names = {"-Y", "--why"}, description = "why resources are (not) running (filter: -r, -N)")
    boolean why;

    @Option(names = {"-q", "--query-xml"}, description = "RSC's configuration as XML")
    boolean queryXml;

    @Option(names = {"-w", "--query-xml-raw"}, description = "same as --query-xml (no templates expanded)")
    boolean queryXmlRaw;

    @Option(names = {"-C", "--cleanup"}, description = "forget RSC's failures")
    boolean cleanup;

    @Option(names = {"-R", "--refresh"}, description = "forget RSC's history so its state is probed again")
    boolean refresh;

    @Option(names = {"-M", "--move"}, description = "move RSC to --node")
    boolean move;

    @Option(names = {"-B", "--ban"}, description = "ban RSC from --node")
    boolean ban;

    @Option(names = {"-U", "--clear"}, description = "remove RSC's move/ban constraints")
    boolean clear;

    @Option(names = {"-N", "--node"}, paramLabel = "NODE")
    String node;

    @Option(names = {"-u", "--lifetime"}, paramLabel = "DURATION")
    String lifetime;

    @Option(names = {"-p", "--set-parameter"}, paramLabel = "NAME")
    String setParameter;

    @Option(names = {"-g", "--get-parameter"}, paramLabel = "NAME")
    String getParameter;

    @Option(names = {"-d", "--delete-parameter"}, paramLabel = "NAME")
    String deleteParameter;

    @Option(names = {"-v", "--parameter-value"}, paramLabel = "VALUE")
    String value;

    @Option(names = {"-m", "--meta"}, description = "act on meta attributes instead of parameters")
    boolean meta;

    @Option(names = {"-z", "--utilization"}, description = "act on utilization instead of parameters")
    boolean utilization;

    @Option(names = {"--force", "-f"}, description = "with -a/-A: the named member or instance itself")
    boolean force;

    @Option(names = {"--recursive"}, description = "with --constraints: follow colocation chains")
    boolean recursive;

    @Option(names = {"-D", "--delete"}, description = "not implemented: use 'crm configure delete RSC'")
    boolean delete;

    @Option(names = {"-F", "--fail"}, description = "not implemented by Vigil")
    boolean fail;

    @Option(names = {"--restart"}, description = "use 'crm resource restart RSC'")
    boolean restart;

    @Option(names = {"--wait"}, description = "not implemented by Vigil")
    boolean await;

    public CrmResourceCommand(CliContext ctx) {
        super(ctx);
    }

    /** Pacemaker's two-line "not found" on stderr, exit 105. */
    private static final class NoSuchResource extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoSuchResource(String id) {
            super("Resource '" + id + "' not found", null, false, false);
        }
    }

    @Override
    public Integer call() {
        try {
            return run();
        } catch (NoSuchResource e) {
            ctx.err().println("crm_resource: " + e.getMessage());
            ctx.err().println("Error performing operation: No such object");
            return EX_NOSUCH;
        }
    }

    private int run() {
        if (outputAs != null && !outputAs.equals("text")) {
            throw new CliException("crm_resource --output-as " + outputAs + " is not implemented by Vigil (text only)",
                    EX_UNIMPLEMENTED);
        }
        if (outputTo != null || textFancy) {
            throw new CliException("crm_resource " + (textFancy ? "--text-fancy" : "--output-to")
                    + " is not implemented by Vigil (plain text on stdout only)", EX_UNIMPLEMENTED);
        }
        if (validate != null || forceAction || agentOptions != null) {
            throw new CliException("crm_resource --validate, --force-check/-start/-stop/-promote/-demote and --digests"
                    + " are not implemented by Vigil; 'crm ra exec AGENT ACTION [NAME=VALUE...]' runs an agent action"
                    + " on this node", EX_UNIMPLEMENTED);
        }
        if (listStandards || listProviders || listAgents != null || listAlternatives != null
                || showMetadata != null) {
            AgentQueries a = new AgentQueries(ctx);
            return listStandards ? a.standards() : listProviders ? a.providers() : listAgents != null
                    ? a.agents(listAgents) : listAlternatives != null ? a.alternatives(listAlternatives)
                    : a.metadata(showMetadata);
        }
        if (fail && !live()) {
            // Pacemaker's answer offline: --fail asks the controller, which a CIB file does not have
            ctx.err().println("crm_resource: Error connecting to the controller: Connection refused");
            ctx.err().println("Error performing operation: Not connected");
            return EX_NOT_CONNECTED;
        }
        if (fail || await) {
            throw new CliException("crm_resource " + (fail ? "--fail" : "--wait") + " is not implemented by Vigil",
                    EX_UNIMPLEMENTED);
        }
        if (delete) {
            return deleteResource();
        }
        if (restart) {
            requireResource("--restart");
            List<String> args = Delegate.list("resource", "restart", rsc);
            if (timeout != null) {
                args.add("--timeout");
                args.add(timeout);
            }
            return Delegate.crm(ctx, args);
        }
        if (listRaw) {
            return listRaw();
        }
        if (listOperations || listAllOperations) {
            return operations(listOperations);
        }
        if (why) {
            return why();
        }
        if (locate || constraints || stack || queryXml || queryXmlRaw || getParameter != null) {
            return query();
        }
        if (cleanup || refresh) {
            return cleanup();
        }
        if (move || ban || clear) {
            requireResource(move ? "--move" : ban ? "--ban" : "--clear");
            Reading r = reading();
            Item item = found(r);
            return new CrmResourceLocations(ctx, client(), r.cib(), r.index(), quiet)
                    .run(move ? "move" : ban ? "ban" : "clear", item, rsc, node, lifetime, promoted, force, expired);
        }
        if (setParameter != null || deleteParameter != null) {
            requireResource(setParameter != null ? "--set-parameter" : "--delete-parameter");
            if (setParameter != null && value == null) {
                throw new CliException("You need to supply a value with the -v option", EX_USAGE);
            }
            Item item = found(reading());
            org.vigil.cli.resource.ResourceEdits.Kind kind = meta ? org.vigil.cli.resource.ResourceEdits.Kind.META
                    : utilization ? org.vigil.cli.resource.ResourceEdits.Kind.UTILIZATION
                    : org.vigil.cli.resource.ResourceEdits.Kind.PARAMS;
            return new ParameterEdits(ctx, client()).run(ResourceIndex.baseId(item.id()), kind,
                    setParameter != null ? setParameter : deleteParameter, setParameter != null ? value : null,
                    setName, nvpairId, force);
        }
        // a bare crm_resource (or -L, or only -r) lists the resources, as Pacemaker's does
        Cib cib = client().read();
        StatusReading st = StatusReader.read(cib, ctx.clock().instant());
        if (st.resources().isEmpty()) {
            ctx.err().println("NO resources configured");
            return 0;
        }
        ctx.out().print(ResourceText.fullList(cib, st, zone(), ctx.clock().instant()));
        return 0;
    }

    private void requireResource(String action) {
        if (rsc == null) {
            throw new CliException("Must supply a resource id with -r", EX_USAGE);
        }
    }

    private int listRaw() {
        Reading r = reading();
        List<String> ids = new ResourceQueries(r.cib, r.index, zone(), ctx.clock().instant()).listRaw();
        if (ids.isEmpty()) {
            ctx.err().println("NO resources configured");
            return EX_NOSUCH;
        }
        ids.forEach(ctx.out()::println);
        return 0;
    }

    private int operations(boolean activeOnly) {
        Reading r = reading();
        if (rsc != null) {
            found(r);
        }
        new ResourceQueries(r.cib, r.index, zone(), ctx.clock().instant()).operations(rsc, node, activeOnly).forEach(ctx.out()::println);
        return 0;
    }

    private int why() {
        Reading r = reading();
        Item item = rsc == null ? null : found(r);
        if (node != null && r.st.nodes().stream().noneMatch(n -> n.name().equalsIgnoreCase(node))) {
            throw new CliException("Node '" + node + "' not found", EX_NOSUCH);
        }
        new ResourceQueries(r.cib, r.index, zone(), ctx.clock().instant()).why(item, node).forEach(ctx.out()::println);
        return 0;
    }

    private int query() {
        requireResource("this query");
        Reading r = reading();
        Item item = found(r);
        ResourceQueries q = new ResourceQueries(r.cib, r.index, zone(), ctx.clock().instant());
        if (locate) {
            List<String> lines = q.locate(item, rsc, quiet);
            if (lines.isEmpty()) {
                ctx.err().println("resource " + rsc + " is NOT running");
            }
            lines.forEach(ctx.out()::println);
        } else if (constraints || stack) {
            Item target = force ? item : r.index.top(item);
            String id = ResourceIndex.baseId(target.id());
            new ConstraintsReport(r.cib.configuration(), n -> ruleAttributes(r.cib, n), ctx.clock().instant())
                    .render(id, stack || recursive).forEach(ctx.out()::println);
        } else if (queryXml || queryXmlRaw) {
            queryXml(r, item);
        } else {
            getParameter(r, item);
        }
        return 0;
    }

    /** A node as location rules see it: #uname, #id, #kind, its permanent and transient attributes. */
    private static Map<String, String> ruleAttributes(Cib cib, org.vigil.cib.Node n) {
        Map<String, String> attrs = new java.util.HashMap<>();
        cib.status().nodeState(n.uname()).map(org.vigil.cib.NodeState::transientAttributes)
                .ifPresent(ta -> attrs.putAll(NvSets.unconditional(ta.sets())));
        attrs.putAll(NvSets.unconditional(n.instanceAttributes()));
        attrs.put("#uname", n.uname());
        attrs.put("#id", n.id());
        attrs.put("#kind", n.type() == null || n.type().equals("member") ? "cluster" : n.type());
        return attrs;
    }

    private void queryXml(Reading r, Item item) {
        summary(r, item).forEach(ctx.out()::println);
        Resource conf = configured(r, item);
        String text;
        try {
            java.util.Optional<java.nio.file.Path> file = org.vigil.cli.store.CibClients.cibFile(ctx);
            text = file.isPresent() ? RawResourceXml.read(file.get()) : org.vigil.cib.CibXml.write(r.cib);
        } catch (java.io.IOException e) {
            text = org.vigil.cib.CibXml.write(r.cib);
        }
        String xml = RawResourceXml.find(text, conf.id())
                .orElseGet(() -> org.vigil.cib.CibXml.write(org.vigil.cib.CibXml.toTree(conf))).strip();
        if (!item.id().equals(conf.id()) && item.kind().equals("primitive")) {
            // an instance is shown as its primitive marked with the instance number, as Pacemaker's copy is
            String instance = item.id().substring(item.id().lastIndexOf(':') + 1);
            int end = xml.indexOf('>');
            boolean empty = xml.charAt(end - 1) == '/';
            int at = empty ? end - 1 : end;
            xml = xml.substring(0, at) + " clone=\"" + instance + "\"" + xml.substring(at);
        }
        ctx.out().println("Resource XML:");
        ctx.out().println(xml);
    }

    /** What cli_resource_print shows before the XML: the resource as crm_mon shows it, without headers. */
    private List<String> summary(Reading r, Item item) {
        if (item.kind().equals("primitive")) {
            String node = item.nodes().size() == 1 ? item.nodes().get(0) : null;
            return List.of(ResourceText.primitiveLine(r.st, item, node, false));
        }
        if (item.kind().equals("group")) {
            List<String> lines = new java.util.ArrayList<>();
            for (Item member : item.children()) {
                lines.addAll(summary(r, member));
            }
            return lines;
        }
        if (item.kind().equals("clone") && r.index.parent(item) == null) {
            return ResourceText.collectiveLines(r.cib, r.st, item.id(), zone(), ctx.clock().instant());
        }
        return List.of();
    }

    private Resource configured(Reading r, Item item) {
        String id = ResourceIndex.baseId(item.id());
        return org.vigil.cib.Resources.flatten(r.cib.configuration().resources()).stream()
                .filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchResource(rsc));
    }

    /** -g: instance attributes, meta attributes (the element's own attributes, its meta, its parents', then rsc_defaults) or utilization. */
    private void getParameter(Reading r, Item item) {
        Resource conf = configured(r, item);
        Map<String, String> values = new LinkedHashMap<>();
        if (meta) {
            if (conf instanceof Primitive p) {
                values.putIfAbsent("id", p.id());
                putIfSet(values, "class", p.resourceClass());
                putIfSet(values, "provider", p.provider());
                putIfSet(values, "type", p.type());
                p.otherAttributes().forEach(values::putIfAbsent);
            }
            addAll(values, ResourceMeta.meta(conf));
            for (Item p = r.index.parent(item); p != null; p = r.index.parent(p)) {
                String pid = ResourceIndex.baseId(p.id());
                if (!pid.equals(conf.id())) {
                    addAll(values, ResourceMeta.of(r.cib.configuration(), pid).sets());
                }
            }
            ResourceMeta.fill(r.cib.configuration().rscDefaults(), org.vigil.rules.RuleContext.at(ctx.clock().instant()),
                    values);
        } else if (utilization) {
            if (conf instanceof Primitive p) {
                addAll(values, p.utilization());
            }
        } else {
            addAll(values, instanceAttributes(conf));
        }
        String v = values.get(getParameter);
        if (v == null) {
            ctx.err().println("Attribute '" + getParameter + "' not found for '" + item.id() + "'");
        } else {
            ctx.out().println(v);
        }
    }

    private static void putIfSet(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.putIfAbsent(k, v);
        }
    }

    private static List<NvSet> instanceAttributes(Resource r) {
        if (r instanceof Primitive p) {
            return p.instanceAttributes();
        }
        if (r instanceof Group g) {
            return g.instanceAttributes();
        }
        if (r instanceof Clone c) {
            return c.instanceAttributes();
        }
        return List.of();
    }

    private static void addAll(Map<String, String> values, List<NvSet> sets) {
        NvSets.unconditional(sets).forEach(values::putIfAbsent);
    }

    /** -D -t ELEMENT: removes the resource (and the constraints naming it) as 'crm configure delete' does. */
    private int deleteResource() {
        requireResource("--delete");
        Reading r = reading();
        found(r);
        if (resourceType == null) {
            ctx.err().println("crm_resource: You need to specify a resource type with -t");
            ctx.err().println("Error performing operation: No such object");
            return EX_NOSUCH;
        }
        Resource conf = org.vigil.cib.Resources.flatten(r.cib.configuration().resources()).stream()
                .filter(x -> x.id().equals(rsc)).findFirst().orElseThrow(() -> new NoSuchResource(rsc));
        String element = org.vigil.cib.CibXml.toTree(conf).name();
        if (!element.equals(resourceType)) {
            return 0; // Pacemaker deletes <TYPE id=RSC/>: nothing of that type, nothing deleted
        }
        List<String> naming = r.cib.configuration().constraints().stream()
                .filter(k -> org.vigil.cli.configure.ConfigDeleter.references(k).contains(rsc))
                .map(org.vigil.cib.Constraint::id).toList();
        if (!naming.isEmpty()) {
            // the CIB would name a resource it no longer has: Pacemaker's CIB refuses it as invalid
            ctx.err().println("crm_resource: Error performing operation: Invalid configuration");
            ctx.err().println("(constraints " + String.join(", ", naming) + " still name " + rsc
                    + "; 'crm configure delete --force " + rsc + "' removes them too)");
            return 78;
        }
        return Delegate.crm(ctx, "configure", "delete", rsc);
    }

    private int cleanup() {
        Reading r = reading();
        Item item = rsc == null ? null : found(r);
        if (node != null && r.cib.configuration().node(node).isEmpty()
                && r.cib.status().nodeState(node).isEmpty()) {
            ctx.err().println("crm_resource: Node '" + node + "' not found");
            ctx.err().println("Error performing operation: No such object");
            return EX_NOSUCH;
        }
        if (!live()) {
            dryRun(r, item);
            return 0;
        }
        List<String> args = Delegate.list("resource", refresh ? "refresh" : "cleanup");
        if (rsc != null) {
            args.add(rsc);
        }
        if (node != null) {
            args.add(node);
        }
        return Delegate.crm(ctx, args);
    }

    /**
     * Pacemaker's answer to -C/-R on a CIB file: nothing changes, one "Dry run" line per primitive and node
     * (stderr), or one for the whole cluster (stdout). 'crm resource cleanup|refresh' edits the file instead.
     */
    private void dryRun(Reading r, Item item) {
        if (item == null) {
            if (node == null) {
                ctx.out().println("Dry run: skipping clean-up of all nodes due to CIB_file");
            } else {
                ctx.out().println("Dry run: skipping clean-up of " + node + " due to CIB_file");
            }
            return;
        }
        // a member or an instance stands for its whole collective resource unless --force
        Item target = force ? item : collective(r, item);
        // the scheduler's node list: in the order of the status section, then nodes it does not mention
        List<String> nodes = new java.util.ArrayList<>();
        if (node != null) {
            nodes.add(node);
        } else {
            r.cib.status().nodeStates().forEach(ns -> nodes.add(ns.uname()));
            r.st.nodes().stream().map(org.vigil.scheduler.StatusReading.NodeInfo::name)
                    .filter(n -> !nodes.contains(n)).forEach(nodes::add);
        }
        for (Item p : primitives(target)) {
            for (String n : nodes) {
                ctx.err().println("Dry run: skipping clean-up of " + p.id() + " on " + n + " due to CIB_file");
            }
        }
    }

    private static Item collective(Reading r, Item item) {
        Item p = r.index.parent(item);
        return p == null ? item : collective(r, p);
    }

    private static List<Item> primitives(Item r) {
        if (r.kind().equals("primitive")) {
            return List.of(r);
        }
        List<Item> out = new java.util.ArrayList<>();
        r.children().forEach(c -> out.addAll(primitives(c)));
        return out;
    }

    private record Reading(Cib cib, StatusReading st, ResourceIndex index) {}

    private Reading reading() {
        Cib cib = client().read();
        StatusReading st = StatusReader.read(cib, ctx.clock().instant());
        return new Reading(cib, st, new ResourceIndex(st));
    }

    /** The resource -r names, or Pacemaker's "not found" (exit 105). */
    private Item found(Reading r) {
        Item item = r.index.find(rsc);
        if (item == null) {
            throw new NoSuchResource(rsc);
        }
        return item;
    }

    /** The zone Pacemaker's ctime() would use: TZ, else the JVM's. */
    private ZoneId zone() {
        String tz = ctx.env("TZ");
        if (tz != null && !tz.isBlank()) {
            try {
                return ZoneId.of(tz.startsWith(":") ? tz.substring(1) : tz);
            } catch (java.time.DateTimeException e) {
                return ZoneId.of("UTC");
            }
        }
        return ZoneId.systemDefault();
    }
}
