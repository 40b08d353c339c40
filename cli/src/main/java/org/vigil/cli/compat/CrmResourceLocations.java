package org.vigil.cli.compat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.vigil.cib.Cib;
import org.vigil.cib.Configuration;
import org.vigil.cli.CliContext;
import org.vigil.cli.store.CibClient;
import org.vigil.scheduler.StatusReading.Item;

/**
 * crm_resource {@code --move}, {@code --ban} and {@code --clear} as Pacemaker 2.1.5 does them: the same
 * constraints, messages and exit codes. A group member or a clone may be moved to a named node (the scheduler
 * then moves what it belongs to); a numbered clone instance may not; a clone without a node is refused with
 * Pacemaker's "active in N locations" (exit 64).
 */
final class CrmResourceLocations {
    private final CliContext ctx;
    private final CibClient client;
    private final Cib cib;
    private final ResourceIndex index;
    private final boolean quiet;

    CrmResourceLocations(CliContext ctx, CibClient client, Cib cib, ResourceIndex index, boolean quiet) {
        this.ctx = ctx;
        this.client = client;
        this.cib = cib;
        this.index = index;
        this.quiet = quiet;
    }

    int run(String action, Item item, String rsc, String node, String lifetime, boolean promoted, boolean force,
            boolean expired) {
        if (rsc.contains(":") && index.clone(item) != null) {
            ctx.err().println("crm_resource: Cannot operate on clone resource instance '" + rsc + "'");
            ctx.err().println("Error performing operation: Invalid parameter");
            return CrmResourceCommand.EX_INVALID_PARAM;
        }
        if (node != null && knownNode(node) == null) {
            ctx.err().println("crm_resource: Node '" + node + "' not found");
            ctx.err().println("Error performing operation: No such object");
            return CrmResourceCommand.EX_NOSUCH;
        }
        String host = node == null ? null : knownNode(node);
        if (action.equals("clear")) {
            return clear(rsc, host, force, expired);
        }
        Instant until = null;
        if (lifetime != null) {
            until = CliConstraints.expiry(ctx.clock().instant(), lifetime).orElse(null);
            if (until == null) {
                ctx.err().println("Invalid duration specified: " + lifetime);
                ctx.err().println("Please refer to https://en.wikipedia.org/wiki/ISO_8601#Durations for examples of"
                        + " valid durations");
                return CrmResourceCommand.EX_USAGE;
            }
        }
        if (host == null) {
            return banCurrent(item, rsc, until, promoted);
        }
        return action.equals("ban") ? ban(rsc, host, until, promoted) : move(item, rsc, host, until, promoted, force);
    }

    private String knownNode(String name) {
        for (org.vigil.cib.Node n : cib.configuration().nodes()) {
            if (n.uname().equalsIgnoreCase(name)) {
                return n.uname();
            }
        }
        return index.reading().nodes().stream().map(n -> n.name()).filter(name::equalsIgnoreCase).findFirst()
                .orElse(null);
    }

    /** ban_or_move: without a node, the one node the resource is active on (or its one promoted instance). */
    private int banCurrent(Item item, String rsc, Instant until, boolean promoted) {
        List<String> active = ResourceQueries.activeNodes(item);
        if (active.size() == 1) {
            return ban(rsc, active.get(0), until, promoted);
        }
        if (item.promotable()) {
            List<String> promotedOn = new ArrayList<>();
            for (Item child : item.children()) {
                if ("Promoted".equals(child.role())) {
                    promotedOn.addAll(ResourceQueries.activeNodes(child));
                }
            }
            if (promotedOn.size() == 1) {
                return ban(rsc, promotedOn.get(0), until, promoted);
            }
            ctx.err().println("crm_resource: Resource '" + rsc + "' not moved: active in " + active.size()
                    + " locations (promoted in " + promotedOn.size() + ").");
            ctx.err().println("To prevent '" + rsc + "' from running on a specific location, specify a node.To"
                    + " prevent '" + rsc + "' from being promoted at a specific location, specify a node and the"
                    + " --promoted option.");
            return CrmResourceCommand.EX_USAGE;
        }
        ctx.err().println("crm_resource: Resource '" + rsc + "' not moved: active in " + active.size()
                + " locations.");
        ctx.err().println("To prevent '" + rsc + "' from running on a specific location, specify a node.");
        return CrmResourceCommand.EX_USAGE;
    }

    private int ban(String rsc, String host, Instant until, boolean promoted) {
        warnBan(rsc, host, until, promoted);
        client.apply(c -> c.withConfiguration(CliConstraints.put(c.configuration(),
                CliConstraints.ban(rsc, host, until, promoted))));
        return 0;
    }

    private void warnBan(String rsc, String host, Instant until, boolean promoted) {
        announce(until);
        ctx.out().println("WARNING: Creating rsc_location constraint '" + CliConstraints.banId(rsc, host)
                + "' with a score of -INFINITY for resource " + rsc + " on " + host + ".");
        ctx.out().println("\tThis will prevent " + rsc + " from " + (promoted ? "being promoted" : "running")
                + " on " + host + " until the constraint is removed using the clear option or by editing the CIB"
                + " with an appropriate tool");
        ctx.out().println("\tThis will be the case even if " + host + " is the last node in the cluster");
    }

    /** cli_resource_move: refuses a move to where it already is; clears old preferences and the ban on HOST. */
    private int move(Item item, String rsc, String host, Instant until, boolean promoted, boolean force) {
        List<String> current = new ArrayList<>();
        if (item.promotable()) {
            for (Item child : item.children()) {
                if ("Promoted".equals(child.role())) {
                    current.addAll(ResourceQueries.activeNodes(child));
                }
            }
        } else {
            current.addAll(ResourceQueries.activeNodes(item));
        }
        String from = current.size() == 1 ? current.get(0) : null;
        if (current.size() > 1 && !item.kind().equals("clone")) {
            ctx.err().println("crm_resource: Resource '" + rsc + "' is active on more than one node;"
                    + " specify which one to move it from is not possible");
            ctx.err().println("Error performing operation: Multiple items match request");
            return 109;
        }
        if (host.equals(from) && !force) {
            ctx.err().println("crm_resource: Error performing operation: Requested item already exists");
            return CrmResourceCommand.EX_EXISTS;
        }
        announce(until);
        Instant end = until;
        client.apply(c -> {
            Configuration conf = c.configuration();
            for (String n : nodeNames(c)) {
                conf = CliConstraints.clear(conf, rsc, n, false, force);
            }
            conf = CliConstraints.clear(conf, rsc, host, true, force);
            conf = CliConstraints.put(conf, CliConstraints.prefer(rsc, host, end, promoted));
            if (force && from != null && !from.equals(host)) {
                conf = CliConstraints.put(conf, CliConstraints.ban(rsc, from, end, promoted));
            }
            return c.withConfiguration(conf);
        });
        if (force && from != null && !from.equals(host)) {
            warnBan(rsc, from, until, promoted);
        }
        return 0;
    }

    private int clear(String rsc, String host, boolean force, boolean expired) {
        List<String> before = CliConstraints.cliIds(cib.configuration());
        Cib after = client.apply(c -> {
            Configuration conf = c.configuration();
            if (expired) {
                conf = CliConstraints.clearExpired(conf, rsc, host, ctx.clock().instant());
            } else {
                for (String n : host != null ? List.of(host) : nodeNames(c)) {
                    conf = CliConstraints.clear(conf, rsc, n, true, force);
                }
            }
            return c.withConfiguration(conf);
        });
        if (!quiet) {
            List<String> removed = new ArrayList<>(before);
            removed.removeAll(CliConstraints.cliIds(after.configuration()));
            removed.forEach(id -> ctx.out().println("Removing constraint: " + id));
        }
        return 0;
    }

    private static List<String> nodeNames(Cib c) {
        return c.configuration().nodes().stream().map(org.vigil.cib.Node::uname).toList();
    }

    private void announce(Instant until) {
        if (until != null) {
            ctx.out().println("Migration will take effect until: " + CliConstraints.END.format(until));
        }
    }
}
