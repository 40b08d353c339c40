package org.vigil.cli.compat;

import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
public final class CrmResourceCommand extends CibCommand implements org.vigil.cli.QuickParsable {
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

    @Option(names = {"--output-as"}, paramLabel = "FORMAT", description = "text (the default) or xml")
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

    @Option(names = "--validate", arity = "0..1", fallbackValue = "", paramLabel = "LEVEL",
            description = "run the agent's validate-all here (with -r RSC's parameters, or --class/--agent/--provider)")
    String validate;

    @Option(names = "--force-check", arity = "0..1", fallbackValue = "", paramLabel = "LEVEL",
            description = "run the agent's monitor here, bypassing the cluster (OCF_CHECK_LEVEL=LEVEL)")
    String forceCheck;

    @Option(names = "--force-start", description = "run the agent's start here, bypassing the cluster")
    boolean forceStart;

    @Option(names = "--force-stop", description = "run the agent's stop here, bypassing the cluster")
    boolean forceStop;

    @Option(names = "--force-promote", description = "run the agent's promote here, bypassing the cluster")
    boolean forcePromote;

    @Option(names = "--force-demote", description = "run the agent's demote here, bypassing the cluster")
    boolean forceDemote;

    @Option(names = "--digests", description = "not implemented by Vigil (the operation digests of RSC on --node)")
    boolean digests;

    @Option(names = "--class", paramLabel = "CLASS", description = "with --validate/--force-*: the agent's class")
    String agentClass;

    @Option(names = "--agent", paramLabel = "TYPE", description = "with --validate/--force-*: the agent")
    String agentType;

    @Option(names = "--provider", paramLabel = "PROVIDER", description = "with --validate/--force-*: the provider")
    String agentProvider;

    @Option(names = "--option", paramLabel = "NAME=VALUE",
            description = "with --class/--agent and --validate/--force-*: a parameter (repeatable)")
    List<String> agentOptions;

    @picocli.CommandLine.Parameters(paramLabel = "NAME=VALUE", arity = "0..*",
            description = "with --validate/--force-*: parameters overriding the configured ones")
    List<String> remainder;

    @Option(names = {"--output-to"}, paramLabel = "DEST", description = "write the output to this file (- is stdout)")
    String outputTo;

    @Option(names = {"--text-fancy"}, description = "lists with a header and bullets (-l, -W, -O, -o, --why)")
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

    @Option(names = {"-F", "--fail"}, description = "tell the cluster RSC failed on --node (live only)")
    boolean fail;

    @Option(names = {"--restart"}, description = "use 'crm resource restart RSC'")
    boolean restart;

    @Option(names = {"--wait"}, description = "wait until the cluster (or CIB_file) has no pending action (-T: at most)")
    boolean await;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** With --output-as xml: the answer being built (null for text). */
    private XmlAnswer xml;

    public CrmResourceCommand(CliContext ctx) {
        super(ctx);
    }

    /** Scripts call crm_resource in loops: its plain command lines skip Picocli (QuickOptions). */
    @Override
    public List<String> quickOptions() {
        return List.of(
                "quiet -Q --quiet",
                "outputAs --output-as",
                "promoted --promoted --master",
                "expired -e --expired",
                "operation -n --operation",
                "interval -I --interval",
                "resourceType -t --resource-type",
                "setName -s --set-name",
                "nvpairId -i --nvpair",
                "timeout -T --timeout",
                "listStandards --list-standards",
                "listProviders --list-ocf-providers",
                "listAgents --list-agents",
                "listAlternatives --list-ocf-alternatives",
                "showMetadata --show-metadata",
                "validate? --validate",
                "forceCheck? --force-check",
                "forceStart --force-start",
                "forceStop --force-stop",
                "forcePromote --force-promote",
                "forceDemote --force-demote",
                "digests --digests",
                "agentClass --class",
                "agentType --agent",
                "agentProvider --provider",
                "agentOptions --option",
                "outputTo --output-to",
                "textFancy --text-fancy",
                "list -L --list",
                "listRaw -l --list-raw",
                "listOperations -O --list-operations",
                "listAllOperations -o --list-all-operations",
                "rsc -r --resource",
                "locate -W --locate",
                "constraints -a --constraints",
                "stack -A --stack",
                "why -Y --why",
                "queryXml -q --query-xml",
                "queryXmlRaw -w --query-xml-raw",
                "cleanup -C --cleanup",
                "refresh -R --refresh",
                "move -M --move",
                "ban -B --ban",
                "clear -U --clear",
                "node -N --node",
                "lifetime -u --lifetime",
                "setParameter -p --set-parameter",
                "getParameter -g --get-parameter",
                "deleteParameter -d --delete-parameter",
                "value -v --parameter-value",
                "meta -m --meta",
                "utilization -z --utilization",
                "force --force -f",
                "recursive --recursive",
                "delete -D --delete",
                "fail -F --fail",
                "restart --restart",
                "await --wait",
                "remainder");
    }

    @Override
    public void arguments(List<String> args) {
        given = List.copyOf(args);
    }

    /** The command line as given, when known before Picocli's (the quick path's, a twin's). */
    private List<String> given;

    /** The command line after the tool's name, as given. */
    private List<String> arguments() {
        return XmlAnswer.requestArguments("crm_resource", given, spec);
    }

    /** A message Pacemaker's out->err prints: on stderr, or as an {@code <error>} of the XML answer. */
    private void error(String message) {
        if (xml != null) {
            xml.error(message);
        } else {
            ctx.err().println(message);
        }
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
        if (outputAs != null && !outputAs.equals("text") && !outputAs.equals("xml")) {
            throw new CliException("crm_resource --output-as " + outputAs + ": Pacemaker's crm_resource writes text or"
                    + " xml", EX_USAGE);
        }
        if (outputTo != null && !outputTo.equals("-")) {
            return OutputFile.run(ctx, "crm_resource", outputTo, outputAs, file -> {
                CrmResourceCommand twin = OutputFile.copyOptions(this, new CrmResourceCommand(file));
                twin.outputTo = null;
                twin.given = arguments();
                return twin.call();
            });
        }
        xml = "xml".equals(outputAs) ? new XmlAnswer("crm_resource", arguments()) : null;
        int code;
        try {
            if (xml != null && !answersInXml()) {
                code = captured();
            } else {
                code = run();
                if (xml != null && code != 0 && code != EX_USAGE) {
                    // Pacemaker's main() ends every failure with this error
                    xml.error("crm_resource: Error performing operation: " + XmlAnswer.exitText(code));
                }
            }
        } catch (NoSuchResource e) {
            if (xml == null) {
                ctx.err().println("crm_resource: " + e.getMessage());
                ctx.err().println("Error performing operation: No such object");
            } else {
                xml.error("crm_resource: " + e.getMessage() + "\nError performing operation: No such object");
            }
            code = EX_NOSUCH;
        } catch (CliException e) {
            if (xml == null || e instanceof OptionError) {
                throw e;
            }
            code = e.exitCode();
            xml.error("crm_resource: " + e.getMessage() + (code == 0 || code == EX_USAGE ? ""
                    : "\nError performing operation: " + XmlAnswer.exitText(code)));
        }
        if (xml != null) {
            ctx.out().print(xml.write(code));
            ctx.out().flush();
        }
        return code;
    }

    /** Whether the command builds its own XML answer (the queries); the others answer with their status. */
    private boolean answersInXml() {
        return !(fail || delete || restart || cleanup || refresh || move || ban || clear
                || setParameter != null || deleteParameter != null || digests || listStandards || listProviders || listAgents != null
                || listAlternatives != null || showMetadata != null);
    }

    /**
     * A command without XML of its own, run as text: what it prints on stdout (out->info, which Pacemaker's XML
     * leaves out) is dropped, what it prints on stderr becomes the answer's errors.
     */
    private int captured() {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        CliContext text = new CliContext(ctx.env(), ctx.in(), new java.io.PrintWriter(out),
                new java.io.PrintWriter(err), ctx.clock(), ctx.workDir());
        CrmResourceCommand twin = OutputFile.copyOptions(this, new CrmResourceCommand(text));
        twin.outputAs = null;
        int code;
        try {
            code = twin.call();
        } catch (CliException e) {
            code = e.exitCode();
            text.err().println("crm_resource: " + e.getMessage());
            if (code != 0 && code != EX_USAGE) {
                text.err().println("Error performing operation: " + XmlAnswer.exitText(code));
            }
        }
        text.err().flush();
        text.out().flush();
        xml.errors(err.toString(), "crm_resource: ");
        if (code == 0 && (listStandards || listProviders || listAgents != null || listAlternatives != null
                || showMetadata != null)) {
            agentListXml(out.toString());
        }
        return code;
    }

    /** The agent lists as Pacemaker's XML names them, from what the text answer printed. */
    private void agentListXml(String text) {
        if (showMetadata != null) {
            xml.add("metadata").cdata(text);
            return;
        }
        List<String> items = text.isEmpty() ? List.of() : List.of(text.split("\n"));
        PcmkXml list;
        String item;
        if (listStandards) {
            list = xml.add("list").attr("name", "standards", "count", Integer.toString(items.size()));
            item = "item";
        } else if (listProviders) {
            list = xml.add("providers").attr("standard", "ocf");
            item = "provider";
        } else if (listAlternatives != null) {
            list = xml.add("providers").attr("for", listAlternatives);
            item = "provider";
        } else {
            int colon = listAgents.indexOf(':');
            list = xml.add("agents").attr("standard", colon < 0 ? listAgents : listAgents.substring(0, colon),
                    "provider", colon < 0 ? null : listAgents.substring(colon + 1));
            item = "agent";
        }
        items.forEach(i -> list.textChild(item, i));
    }

    private int run() {
        if (textFancy && (!answersInXml() || operation() != null || queryXml || queryXmlRaw)) {
            throw new CliException("crm_resource --text-fancy is implemented by Vigil for the lists (-l, -L, -W, -O,"
                    + " -o, --why, -a, -A, -g) only", EX_UNIMPLEMENTED);
        }
        if (remainder != null && !remainder.isEmpty() && operation() == null && !digests) {
            StringBuilder msg = new StringBuilder("non-option ARGV-elements:");
            for (int i = 0; i < remainder.size(); i++) {
                msg.append("\n[").append(i + 1).append(" of ").append(remainder.size()).append("] ")
                        .append(remainder.get(i));
            }
            throw new CliException(msg.toString(), EX_USAGE);
        }
        if (agentClass != null || agentType != null || agentProvider != null || operation() != null) {
            return execute();
        }
        if (digests) {
            throw new CliException("--digests is not implemented by Vigil (it would print the operation digests"
                    + " the scheduler compares)", EX_UNIMPLEMENTED);
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
        if (await) {
            int code = new ClusterWait(() -> client().read(), () -> ctx.clock().instant(),
                    d -> Thread.sleep(d.toMillis())).run(timeout == null ? null : timeoutOption(), quiet,
                    xml == null ? ctx.out() : null);
            if (code != 0 && xml == null) {
                ctx.err().println("crm_resource: Error performing operation: " + XmlAnswer.exitText(code));
            }
            return code;
        }
        if (fail) {
            return failResource();
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
            error("NO resources configured");
            return 0;
        }
        if (xml != null) {
            xml.raw(org.vigil.cli.status.ResourceXml.list(cib, st, zone(), ctx.clock().instant()));
            return 0;
        }
        ctx.out().print(ResourceText.fullList(cib, st, zone(), ctx.clock().instant()));
        return 0;
    }

    /**
     * -F live: the failed operation Pacemaker's controller would record (ResourceFailure), committed to the
     * cluster's CIB; the DC then recovers the resource. Pacemaker's refusals: not a primitive (70), unknown node
     * (105), node not online (102).
     */
    private int failResource() {
        requireResource("--fail");
        Reading r = reading();
        Item item = found(r);
        if (!item.kind().equals("primitive")) {
            error("We can only process primitive resources, not " + rsc);
            return 70;
        }
        org.vigil.scheduler.StatusReading.NodeInfo target = r.st.nodes().stream()
                .filter(n -> n.name().equalsIgnoreCase(String.valueOf(node))).findFirst().orElse(null);
        if (target == null) {
            error("Node " + node + " not found");
            return EX_NOSUCH;
        }
        if (!target.online()) {
            error("Node " + node + " is not online");
            return EX_NOT_CONNECTED;
        }
        Resource conf = configured(r, item);
        if (!(conf instanceof Primitive p)) {
            error("We can only process primitive resources, not " + rsc);
            return 70;
        }
        Item clone = r.index.clone(item);
        String historyId = clone != null && !clone.unique() ? ResourceIndex.baseId(item.id()) : item.id();
        long now = ctx.clock().instant().getEpochSecond();
        client().apply(cib -> ResourceFailure.record(cib, p, historyId, target.name(), now));
        return 0;
    }

    /** The agent operation asked for (--validate, --force-*), as Pacemaker names it; null for none. */
    private String operation() {
        return validate != null ? "validate" : forceCheck != null ? "force-check" : forceStart ? "force-start"
                : forceStop ? "force-stop" : forcePromote ? "force-promote" : forceDemote ? "force-demote" : null;
    }

    /** --validate / --force-*: the agent action run here, with RSC's configuration or the one given. */
    private int execute() {
        boolean cmdline = agentClass != null || agentType != null || agentProvider != null;
        if (cmdline && rsc != null) {
            throw new CliException("--resource cannot be used with --class, --agent, and --provider", EX_USAGE);
        }
        String op = operation();
        if (op == null) {
            throw new CliException("--class, --agent, and --provider can only be used with --validate and --force-*",
                    EX_USAGE);
        }
        int checkLevel = AgentCommandLine.checkLevel(validate != null ? validate : forceCheck);
        Map<String, String> overrides = AgentCommandLine.overrides(remainder);
        int verbosity = verbose == null ? 0 : verbose.length;
        AgentExecution run = new AgentExecution(ctx);
        Duration limit = timeout == null ? null : timeoutOption();
        AgentExecution.Request req;
        if (cmdline) {
            req = AgentCommandLine.request(run, agentClass, agentProvider, agentType, agentOptions, op, overrides,
                    limit, checkLevel, verbosity);
        } else {
            requireResource("--" + op);
            Reading r = reading();
            Item item = found(r);
            List<String> locations = new ResourceQueries(r.cib, r.index, zone(), ctx.clock().instant())
                    .locate(item, rsc, true);
            try {
                req = new ResourceExecution(r.cib, r.index, ctx.clock().instant()).request(item, rsc, op, overrides,
                        limit, checkLevel, verbosity, force, locations);
            } catch (ResourceExecution.Refusal e) {
                e.messages.forEach(this::error);
                if (xml == null) {
                    ctx.err().println("crm_resource: Error performing operation: " + XmlAnswer.exitText(e.code));
                }
                return e.code;
            }
        }
        int code = run.run(req, xml);
        if (code != 0 && xml == null) {
            ctx.err().println("crm_resource: Error performing operation: " + XmlAnswer.exitText(code));
        }
        return code;
    }

    private Duration timeoutOption() {
        try {
            Duration d = org.vigil.agents.OcfDurations.parse(timeout.trim());
            return d.isZero() ? null : d;
        } catch (IllegalArgumentException e) {
            throw new CliException("--timeout: not a duration: " + timeout, EX_USAGE);
        }
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
            error("NO resources configured" + (xml != null ? "\n" : ""));
            return EX_NOSUCH;
        }
        if (xml != null) {
            PcmkXml list = xml.add("list").attr("name", "resource names", "count", Integer.toString(ids.size()));
            ids.forEach(id -> list.textChild("item", id).attr("name", "resource"));
            return 0;
        }
        (textFancy ? FancyText.list("Resource Names", "resource", ids) : ids).forEach(ctx.out()::println);
        return 0;
    }

    private int operations(boolean activeOnly) {
        Reading r = reading();
        if (rsc != null) {
            found(r);
        }
        ResourceQueries q = new ResourceQueries(r.cib, r.index, zone(), ctx.clock().instant());
        if (xml != null) {
            PcmkXml ops = q.operationsXml(rsc, node, activeOnly);
            if (ops != null) {
                xml.add(ops);
            }
            return 0;
        }
        List<String> lines = q.operations(rsc, node, activeOnly);
        (textFancy ? FancyText.list("Resource Operations", null, lines) : lines).forEach(ctx.out()::println);
        return 0;
    }

    private int why() {
        Reading r = reading();
        Item item = rsc == null ? null : found(r);
        if (node != null && r.st.nodes().stream().noneMatch(n -> n.name().equalsIgnoreCase(node))) {
            throw new CliException("Node '" + node + "' not found", EX_NOSUCH);
        }
        ResourceQueries q = new ResourceQueries(r.cib, r.index, zone(), ctx.clock().instant());
        if (xml != null) {
            xml.add(q.whyXml(item, node));
            return 0;
        }
        List<String> lines = q.why(item, node);
        (textFancy ? FancyText.reasons(lines) : lines).forEach(ctx.out()::println);
        return 0;
    }

    private int query() {
        requireResource("this query");
        Reading r = reading();
        Item item = found(r);
        ResourceQueries q = new ResourceQueries(r.cib, r.index, zone(), ctx.clock().instant());
        if (locate && xml != null) {
            xml.add(q.locateXml(item, rsc));
        } else if (locate) {
            List<String> lines = q.locate(item, rsc, quiet);
            if (lines.isEmpty() && !quiet) {
                ctx.err().println("resource " + rsc + " is NOT running");
            }
            (textFancy ? FancyText.list("Nodes", "node", lines) : lines).forEach(ctx.out()::println);
        } else if (constraints || stack) {
            Item target = force ? item : r.index.top(item);
            String id = ResourceIndex.baseId(target.id());
            ConstraintsReport report = new ConstraintsReport(r.cib.configuration(), n -> ruleAttributes(r.cib, n),
                    ctx.clock().instant());
            if (xml != null) {
                xml.add(report.renderXml(id, stack || recursive));
            } else {
                report.render(id, stack || recursive).forEach(ctx.out()::println);
            }
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
        attrs.put("#is_dc", n.id().equals(cib.attribute("dc-uuid")) ? "true" : "false");
        attrs.put("#kind", n.type() == null || n.type().equals("member") ? "cluster" : n.type());
        return attrs;
    }

    private void queryXml(Reading r, Item item) {
        if (xml == null) {
            summary(r, item).forEach(ctx.out()::println);
        }
        Resource conf = configured(r, item);
        String text;
        try {
            java.util.Optional<java.nio.file.Path> file = org.vigil.cli.store.CibClients.cibFile(ctx);
            text = file.isPresent() ? RawResourceXml.read(file.get()) : org.vigil.cib.CibXml.write(r.cib);
        } catch (java.io.IOException e) {
            text = org.vigil.cib.CibXml.write(r.cib);
        }
        String xml = RawResourceXml.find(text, conf.id(), queryXml)
                .orElseGet(() -> org.vigil.cib.CibXml.write(org.vigil.cib.CibXml.toTree(conf))).strip();
        if (!item.id().equals(conf.id()) && item.kind().equals("primitive")) {
            // an instance is shown as its primitive marked with the instance number, as Pacemaker's copy is
            String instance = item.id().substring(item.id().lastIndexOf(':') + 1);
            int end = xml.indexOf('>');
            boolean empty = xml.charAt(end - 1) == '/';
            int at = empty ? end - 1 : end;
            xml = xml.substring(0, at) + " clone=\"" + instance + "\"" + xml.substring(at);
        }
        if (this.xml != null) {
            PcmkXml config = this.xml.add("resource_config");
            config.raw(org.vigil.cli.status.ResourceXml.one(r.cib, r.st, rsc, zone(), ctx.clock().instant()));
            config.cdataChild("xml", xml + "\n");
            return;
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
        if (ResourceQueries.activeNodes(item).size() > 1) {
            error(item.id() + " is active on more than one node, returning the default value for " + getParameter);
        }
        Map<String, String> values = new LinkedHashMap<>();
        if (meta) {
            values.putAll(new ResourceExecution(r.cib, r.index, ctx.clock().instant()).meta(item, conf));
        } else if (utilization) {
            if (conf instanceof Primitive p) {
                addAll(values, p.utilization());
            }
        } else {
            addAll(values, instanceAttributes(conf));
        }
        String v = values.get(getParameter);
        if (v == null) {
            error("Attribute '" + getParameter + "' not found for '" + item.id() + "'");
        } else if (xml != null) {
            xml.add("list").attr("name", "attributes", "count", "1").textChild("item", v).attr("name", getParameter);
        } else {
            ctx.out().println(v);
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
