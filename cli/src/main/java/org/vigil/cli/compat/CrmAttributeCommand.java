package org.vigil.cli.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.vigil.cib.Cib;
import org.vigil.cib.Configuration;
import org.vigil.cib.Node;
import org.vigil.cib.NodeState;
import org.vigil.cib.NvPair;
import org.vigil.cib.NvSet;
import org.vigil.cli.CibCommand;
import org.vigil.cli.CliContext;
import org.vigil.cli.CliException;
import org.vigil.cli.node.NodeAttributes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Pacemaker 2.1.5's {@code crm_attribute} (run as {@code bin/crm_attribute} or {@code crm crm_attribute}). */
@Command(name = "crm_attribute", hidden = true, versionProvider = org.vigil.cli.VersionProvider.class,
        description = {"Query, set or delete a node attribute or cluster option (Pacemaker's crm_attribute).",
            "With --node the type defaults to nodes (forever) or status (--lifetime reboot), otherwise to"
                    + " crm_config. Without --update or --delete it queries; without --name it lists all."},
        footer = {"", "Examples:",
            "  crm_attribute --type nodes --node-uname server50 --attr-name ip_livemigration --attr-value 192.168.1.50",
            "  crm_attribute --type nodes --node-uname server50 --attr-name ip_livemigration --get-value -q",
            "  crm_attribute --name stonith-enabled --update false",
            "  crm_attribute --node server50 --name standby --lifetime reboot --update on",
            "  crm_attribute -p my-drbd -N node1 -v 100     # promotion score master-my-drbd (reboot)",
            "  crm_attribute -N node1 -l reboot -P 'fail-count-.*' -G", "",
            "Exit codes (Pacemaker's): 0 ok, 1 error, 64 usage error, 105 no such attribute or node."})
public final class CrmAttributeCommand extends CibCommand implements org.vigil.cli.QuickParsable {
    enum Type { nodes, crm_config, rsc_defaults, op_defaults, status, tickets }

    /** CRM_EX_MULTIPLE: a name that matches several attributes when one must be chosen. */
    static final int EX_MULTIPLE = 109;

    @Option(names = {"-h", "--help", "--help-all"}, usageHelp = true, description = "show this help")
    boolean help;

    @Option(names = {"-$", "--version"}, versionHelp = true, description = "show the version")
    boolean version;

    @Option(names = {"-V", "--verbose"}, description = "accepted (Pacemaker: more debug output)")
    boolean[] verbose;

    @Option(names = {"--output-as"}, paramLabel = "FORMAT", description = "text (the default) or xml")
    String outputAs;

    @Option(names = {"--output-to"}, paramLabel = "DEST", description = "write the output to this file (- is stdout)")
    String outputTo;

    @Option(names = {"--text-fancy"}, description = "accepted: crm_attribute's lines are the same (Pacemaker's too)")
    boolean textFancy;

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE",
            description = "nodes, crm_config, rsc_defaults, op_defaults, tickets, status (status = --lifetime reboot)")
    Type type;

    @Option(names = {"-s", "--set-name"}, paramLabel = "SET_ID", description = "only the set with this XML id")
    String setName;

    @Option(names = {"-i", "--id", "--attr-id"}, paramLabel = "XML_ID", description = "only the nvpair with this XML id")
    String pairId;

    @Option(names = {"-N", "--node", "-U", "--node-uname"}, paramLabel = "NODE")
    String node;

    @Option(names = {"-n", "--name", "--attr-name"}, paramLabel = "NAME")
    String name;

    @Option(names = {"-P", "--pattern"}, paramLabel = "REGEX", description = "every attribute whose name matches")
    String pattern;

    @Option(names = {"-p", "--promotion"}, paramLabel = "RSC", arity = "0..1", fallbackValue = "",
            description = "the promotion score master-RSC (RSC defaults to $OCF_RESOURCE_INSTANCE; -l reboot)")
    String promotion;

    @Option(names = {"-v", "--update", "--attr-value"}, paramLabel = "VALUE")
    String value;

    @Option(names = {"-G", "--query", "--get-value"}, description = "print the value (the default action)")
    boolean query;

    @Option(names = {"-D", "--delete", "--delete-attr"}, description = "delete the attribute")
    boolean delete;

    @Option(names = {"-q", "--quiet"}, description = "print only the value")
    boolean quiet;

    @Option(names = {"-l", "--lifetime"}, paramLabel = "forever|reboot", description = "forever (default) or reboot")
    String lifetime;

    @Option(names = {"-d", "--default"}, paramLabel = "VALUE", description = "value to print when not set")
    String defaultValue;

    @Option(names = {"-z", "--utilization"}, description = "the node's utilization instead of its attributes")
    boolean utilization;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The command line as given, when the quick path parsed it. */
    private List<String> given;

    /** With --output-as xml: the answer being built (null for text). */
    private XmlAnswer xml;

    public CrmAttributeCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public void arguments(List<String> args) {
        given = List.copyOf(args);
    }

    private List<String> arguments() {
        return XmlAnswer.requestArguments("crm_attribute", given, spec);
    }

    /** Scripts and agents call crm_attribute in loops: its plain command lines skip Picocli (QuickOptions). */
    @Override
    public java.util.List<String> quickOptions() {
        return java.util.List.of("outputAs --output-as", "outputTo --output-to", "textFancy --text-fancy",
                "type -t --type", "setName -s --set-name",
                "pairId -i --id --attr-id", "node -N --node -U --node-uname", "name -n --name --attr-name",
                "pattern -P --pattern", "promotion? -p --promotion", "value -v --update --attr-value",
                "query -G --query --get-value", "delete -D --delete --delete-attr", "quiet -q --quiet",
                "lifetime -l --lifetime", "defaultValue -d --default", "utilization -z --utilization");
    }

    /** Pacemaker's one-line refusal and its exit code (ENXIO, "No such device or address": CRM_EX_NOSUCH). */
    private static final class NoSuch extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoSuch(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public Integer call() {
        if (outputAs != null && !outputAs.equals("text") && !outputAs.equals("xml")) {
            throw new CliException("crm_attribute --output-as " + outputAs + ": Pacemaker's crm_attribute writes text"
                    + " or xml", CrmResourceCommand.EX_USAGE);
        }
        if (outputTo != null && !outputTo.equals("-")) {
            return OutputFile.run(ctx, "crm_attribute", outputTo, outputAs, file -> {
                CrmAttributeCommand twin = OutputFile.copyOptions(this, new CrmAttributeCommand(file));
                twin.outputTo = null;
                twin.given = arguments();
                return twin.call();
            });
        }
        xml = "xml".equals(outputAs) ? new XmlAnswer("crm_attribute", arguments()) : null;
        int code;
        try {
            code = run();
        } catch (NoSuch e) {
            error("crm_attribute: " + e.getMessage());
            code = CrmResourceCommand.EX_NOSUCH;
        } catch (CliException e) {
            if (xml == null) {
                throw e;
            }
            code = e.exitCode();
            xml.error("crm_attribute: " + e.getMessage());
        }
        if (xml != null) {
            ctx.out().print(xml.write(code));
            ctx.out().flush();
        }
        return code;
    }

    private void error(String message) {
        if (xml != null) {
            xml.error(message);
        } else {
            ctx.err().println(message);
        }
    }

    private int run() {
        if ((value != null ? 1 : 0) + (delete ? 1 : 0) + (query ? 1 : 0) > 1) {
            throw new CliException("use only one of --update/--attr-value, --delete and --query/--get-value",
                    CrmResourceCommand.EX_USAGE);
        }
        if (promotion != null) {
            String rsc = promotion.isEmpty() ? ctx.env("OCF_RESOURCE_INSTANCE") : promotion;
            if (rsc == null || rsc.isEmpty()) {
                throw new CliException("--promotion needs a resource (or OCF_RESOURCE_INSTANCE in the environment)",
                        CrmResourceCommand.EX_USAGE);
            }
            name = "master-" + rsc;
            if (lifetime == null && type == null) {
                lifetime = "reboot";
            }
            if (node == null) {
                node = localNode("crm_attribute", "--promotion needs --node NODE (offline mode has no local node)");
            }
        }
        Pattern regex = compile();
        if ((value != null || delete) && name == null && regex == null) {
            throw new CliException("--update/--delete need --name NAME (or --pattern)", CrmResourceCommand.EX_USAGE);
        }
        Type t = type != null ? type : node != null ? Type.nodes : Type.crm_config;
        if ((t == Type.nodes || t == Type.status) && node == null) {
            node = localNode("crm_attribute", "--type " + t + " needs --node NODE (offline mode has no local node)");
        }
        if (t == Type.nodes || t == Type.status) {
            return nodeAttribute(t, regex);
        }
        if (value != null || delete) {
            Cib cib = client().read();
            if (regex == null && (setName != null || pairId != null || t == Type.tickets
                    || matching(sets(cib, t), null).size() > 1)) {
                return changeOne(cib, t);
            }
            List<String> names = names(sets(cib, t), regex);
            if (delete && names.isEmpty()) {
                return 0; // Pacemaker: deleting what is not there is not an error
            }
            client().apply(c -> {
                Configuration conf = c.configuration();
                for (String n : names) {
                    conf = setOption(conf, t, n, delete ? null : value);
                }
                return c.withConfiguration(conf);
            });
            return 0;
        }
        Cib cib = client().read();
        query(t.name(), sets(cib, t), regex);
        return 0;
    }

    /**
     * A change to exactly one attribute, chosen by name within --set-name/--id: several candidates are refused
     * as Pacemaker refuses them (exit 109, listing their ids); none is created in the named set (or the default).
     */
    private int changeOne(Cib cib, Type t) {
        List<NvSet> sets = sets(cib, t);
        List<NvPair> found = matching(sets, null);
        if (found.size() > 1) {
            if (xml == null) {
                ctx.out().println("Multiple attributes match name=" + name);
                found.forEach(p -> ctx.out().println("  Value: " + p.value() + " \t(id=" + p.id() + ")"));
            }
            error("crm_attribute: Please choose from one of the matches below and supply the 'id' with"
                    + " --attr-id");
            return EX_MULTIPLE;
        }
        if (found.isEmpty() && delete) {
            return 0;
        }
        String target = found.isEmpty() ? null : found.get(0).id();
        String setId = setName != null ? setName : switch (t) {
            case rsc_defaults -> "rsc-options";
            case op_defaults -> "op-options";
            case tickets -> "status-tickets";
            default -> "cib-bootstrap-options";
        };
        List<NvSet> out = new ArrayList<>();
        boolean done = false;
        for (NvSet set : sets) {
            List<NvPair> pairs = new ArrayList<>();
            for (NvPair p : set.pairs()) {
                if (target != null && target.equals(p.id())) {
                    done = true;
                    if (!delete) {
                        pairs.add(new NvPair(p.id(), p.idRef(), p.name(), value));
                    }
                } else {
                    pairs.add(p);
                }
            }
            if (!done && target == null && set.id() != null && set.id().equals(setId)) {
                pairs.add(NvPair.of(pairId != null ? pairId : setId + "-" + name, name, value));
                done = true;
            }
            out.add(new NvSet(set.id(), set.idRef(), set.score(), set.rule(), pairs));
        }
        if (!done) {
            out.add(NvSet.of(setId, List.of(NvPair.of(pairId != null ? pairId : setId + "-" + name, name, value))));
        }
        client().apply(c -> withSets(c, t, out));
        return 0;
    }

    private Pattern compile() {
        if (pattern == null) {
            return null;
        }
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new CliException("--pattern: not a regular expression: " + pattern, CrmResourceCommand.EX_USAGE);
        }
    }

    private int nodeAttribute(Type t, Pattern regex) {
        NodeAttributes.Lifetime life = lifetime(t);
        NodeAttributes.Kind kind = utilization ? NodeAttributes.Kind.UTILIZATION : NodeAttributes.Kind.ATTRIBUTE;
        String scope = life == NodeAttributes.Lifetime.reboot ? "status" : "nodes";
        Cib cib = client().read();
        if (value != null || delete) {
            boolean known = cib.configuration().node(node).isPresent() || cib.status().nodeState(node).isPresent();
            if (live() || (delete && !known)) {
                // the cluster knows its nodes: a typo must not add one
                requireKnown(cib);
            }
            List<String> names = names(nodeSets(cib, life, kind), regex);
            if (delete && names.isEmpty()) {
                return 0;
            }
            client().apply(c -> {
                Cib out = c;
                for (String n : names) {
                    out = NodeAttributes.set(out, node, n, delete ? null : value, life, kind, this::notice);
                }
                return out;
            });
            flushNotices();
            return 0;
        }
        requireKnown(cib);
        query(scope, nodeSets(cib, life, kind), regex);
        return 0;
    }

    private void requireKnown(Cib cib) {
        boolean known = cib.configuration().nodes().stream().anyMatch(n -> node.equalsIgnoreCase(n.uname()))
                || cib.status().nodeStates().stream().anyMatch(s -> node.equalsIgnoreCase(s.uname()));
        if (!known) {
            throw new NoSuch("Could not map name=" + node + " to a UUID");
        }
        cib.configuration().nodes().stream().map(Node::uname).filter(node::equalsIgnoreCase).findFirst()
                .ifPresent(n -> node = n);
    }

    private List<NvSet> nodeSets(Cib cib, NodeAttributes.Lifetime life, NodeAttributes.Kind kind) {
        if (life == NodeAttributes.Lifetime.reboot) {
            return cib.status().nodeState(node).map(NodeState::transientAttributes)
                    .map(ta -> ta.sets()).orElse(List.of());
        }
        Optional<Node> n = cib.configuration().node(node);
        return n.map(x -> kind == NodeAttributes.Kind.UTILIZATION ? x.utilization() : x.instanceAttributes())
                .orElse(List.of());
    }

    /** The names a change applies to: the one named, or every one the pattern matches. */
    private List<String> names(List<NvSet> sets, Pattern regex) {
        if (regex == null) {
            return List.of(name);
        }
        return matching(sets, regex).stream().map(NvPair::name).distinct().toList();
    }

    /**
     * The pairs a query prints, in document order and whatever rules their sets have (Pacemaker's xpath search):
     * those with the name, those matching the pattern, or all; within --set-name and --id when given.
     */
    private List<NvPair> matching(List<NvSet> sets, Pattern regex) {
        List<NvPair> out = new ArrayList<>();
        for (NvSet s : sets) {
            if (setName != null && !setName.equals(s.id())) {
                continue;
            }
            for (NvPair p : s.pairs()) {
                if (p.name() == null || p.value() == null || (pairId != null && !pairId.equals(p.id()))) {
                    continue;
                }
                if (regex != null ? regex.matcher(p.name()).find() : name == null || name.equals(p.name())) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private NodeAttributes.Lifetime lifetime(Type t) {
        if (t == Type.status) {
            return NodeAttributes.Lifetime.reboot;
        }
        if (lifetime == null) {
            return NodeAttributes.Lifetime.forever;
        }
        return switch (lifetime) {
            case "reboot" -> NodeAttributes.Lifetime.reboot;
            case "forever", "permanent" -> NodeAttributes.Lifetime.forever;
            default -> throw new CliException("--lifetime must be forever or reboot, not '" + lifetime + "'",
                    CrmResourceCommand.EX_USAGE);
        };
    }

    /**
     * A query. With a pattern Pacemaker reads every attribute in scope and tests each: when there is exactly one,
     * its xpath answer is that nvpair itself, which is tested without the "nothing matched" check, so a single
     * attribute that does not match answers nothing, exit 0.
     */
    private void query(String scope, List<NvSet> sets, Pattern regex) {
        if (regex != null && name == null && matching(sets, null).size() == 1 && matching(sets, regex).isEmpty()) {
            return;
        }
        print(scope, matching(sets, regex));
    }

    private void print(String scope, List<NvPair> pairs) {
        if (pairs.isEmpty()) {
            if (defaultValue == null || name == null) {
                throw new NoSuch("Error performing operation: No such device or address");
            }
            if (xml != null) {
                xml.add("attribute").attr("name", name, "value", defaultValue, "scope", scope, "id", pairId, "host",
                        node);
                return;
            }
            pairs = List.of(NvPair.of(null, name, defaultValue));
        }
        for (NvPair p : pairs) {
            if (xml != null) {
                xml.add("attribute").attr("name", p.name(), "value", p.value(), "scope", scope, "id", pairId);
                continue;
            }
            ctx.out().println(quiet ? p.value() : "scope=" + scope + " " + (pairId == null ? "" : "id=" + p.id())
                    + " name=" + p.name() + " value=" + p.value());
        }
    }

    private static List<NvSet> sets(Cib cib, Type t) {
        Configuration c = cib.configuration();
        return switch (t) {
            case rsc_defaults -> c.rscDefaults();
            case op_defaults -> c.opDefaults();
            case tickets -> TicketAttributes.sets(cib.status());
            default -> c.clusterProperties();
        };
    }

    private static Cib withSets(Cib cib, Type t, List<NvSet> sets) {
        Configuration c = cib.configuration();
        return switch (t) {
            case rsc_defaults -> cib.withConfiguration(c.withRscDefaults(sets));
            case op_defaults -> cib.withConfiguration(c.withOpDefaults(sets));
            case tickets -> cib.withStatus(TicketAttributes.withSets(cib.status(), sets));
            default -> cib.withConfiguration(c.withClusterProperties(sets));
        };
    }

    static Configuration setOption(Configuration c, Type t, String name, String value) {
        return switch (t) {
            case rsc_defaults -> c.withRscDefaults(NodeAttributes.update(c.rscDefaults(), name, value, "rsc-options"));
            case op_defaults -> c.withOpDefaults(NodeAttributes.update(c.opDefaults(), name, value, "op-options"));
            default -> c.withClusterProperties(
                    NodeAttributes.update(c.clusterProperties(), name, value, "cib-bootstrap-options"));
        };
    }
}
