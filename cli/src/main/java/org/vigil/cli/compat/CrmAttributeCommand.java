package org.vigil.cli.compat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.vigil.cib.Cib;
import org.vigil.cib.Configuration;
import org.vigil.cib.NvSet;
import org.vigil.cib.NvSets;
import org.vigil.cli.CibCommand;
import org.vigil.cli.CliContext;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.node.NodeAttributes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Pacemaker's {@code crm_attribute} (run as {@code bin/crm_attribute} or {@code crm crm_attribute}). */
@Command(name = "crm_attribute", hidden = true, mixinStandardHelpOptions = true,
        description = {"Query, set or delete a node attribute or cluster option (Pacemaker's crm_attribute).",
            "With --node (or --node-uname) the type defaults to nodes, otherwise to crm_config.",
            "Without --update/--attr-value or --delete it queries."},
        footer = {"", "Examples:",
            "  crm_attribute --type nodes --node-uname server50 --attr-name ip_livemigration --attr-value 192.168.1.50",
            "  crm_attribute --type nodes --node-uname server50 --attr-name ip_livemigration --get-value -q",
            "  crm_attribute --name stonith-enabled --update false",
            "  crm_attribute --node server50 --name standby --lifetime reboot --update on", "",
            "Exit codes: 0 ok, 1 error (also: attribute not set), 2 usage error."})
public final class CrmAttributeCommand extends CibCommand implements Callable<Integer> {
    enum Type { nodes, crm_config, rsc_defaults, op_defaults, status }

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE",
            description = "nodes, crm_config, rsc_defaults, op_defaults, status (status = --lifetime reboot)")
    Type type;

    @Option(names = {"-N", "--node", "-U", "--node-uname"}, paramLabel = "NODE")
    String node;

    @Option(names = {"-n", "--name", "--attr-name"}, paramLabel = "NAME", required = true)
    String name;

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

    public CrmAttributeCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        if ((value != null ? 1 : 0) + (delete ? 1 : 0) + (query ? 1 : 0) > 1) {
            throw new CliException("use only one of --update/--attr-value, --delete and --query/--get-value",
                    ExitCodes.USAGE);
        }
        Type t = type != null ? type : node != null ? Type.nodes : Type.crm_config;
        if ((t == Type.nodes || t == Type.status) && node == null) {
            node = localNode("crm_attribute", "--type " + t + " needs --node NODE (offline mode has no local node)");
        }
        NodeAttributes.Lifetime life = lifetime(t);
        if (t == Type.nodes || t == Type.status) {
            NodeAttributes.Kind kind = utilization ? NodeAttributes.Kind.UTILIZATION : NodeAttributes.Kind.ATTRIBUTE;
            String scope = life == NodeAttributes.Lifetime.reboot ? "status" : "nodes";
            if (value != null) {
                if (live()) {
                    // the cluster knows its nodes: a typo must not add one
                    org.vigil.cli.node.NodeCommand.requireNode(client().read(), node);
                }
                client().apply(cib -> NodeAttributes.set(cib, node, name, value, life, kind, this::notice));
                flushNotices();
            } else if (delete) {
                client().apply(cib -> NodeAttributes.set(cib, node, name, null, life, kind, this::notice));
                flushNotices();
            } else {
                Cib cib = client().read();
                print(scope, NodeAttributes.get(cib, node, name, life, kind), "node " + node);
            }
            return ExitCodes.OK;
        }
        if (value != null || delete) {
            String v = delete ? null : value;
            client().apply(cib -> cib.withConfiguration(setOption(cib.configuration(), t, name, v)));
        } else {
            Cib cib = client().read();
            print(t.name(), NvSets.firstValue(sets(cib.configuration(), t), name), t.name());
        }
        return ExitCodes.OK;
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
                    ExitCodes.USAGE);
        };
    }

    private void print(String scope, Optional<String> v, String where) {
        if (v.isEmpty() && defaultValue == null) {
            throw new CliException(name + " is not set for " + where);
        }
        String value = v.orElse(defaultValue);
        if (quiet) {
            ctx.out().println(value);
        } else {
            ctx.out().println("scope=" + scope + "  name=" + name + " value=" + value);
        }
    }

    private static List<NvSet> sets(Configuration c, Type t) {
        return switch (t) {
            case rsc_defaults -> c.rscDefaults();
            case op_defaults -> c.opDefaults();
            default -> c.clusterProperties();
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
