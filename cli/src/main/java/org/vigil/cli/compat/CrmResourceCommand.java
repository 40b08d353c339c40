package org.vigil.cli.compat;

import java.util.List;
import java.util.concurrent.Callable;
import org.vigil.cli.CliContext;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Pacemaker's {@code crm_resource}: its common options mapped onto {@code crm resource}. */
@Command(name = "crm_resource", hidden = true, mixinStandardHelpOptions = true,
        description = "Resource actions (Pacemaker's crm_resource), mapped onto 'crm resource'.",
        footer = {"", "Examples:", "  crm_resource --list", "  crm_resource -r vm01 --locate",
            "  crm_resource -r vm01 --cleanup", "  crm_resource -r VM.1 --move -N piova", "  crm_resource -r VM.1 --clear",
            "  crm_resource -r vm01 -p xmfile -v /etc/xen/vm01.cfg", "  crm_resource -r vm01 --meta -g target-role", "",
            "Exit codes: 0 ok, 1 error, 2 usage error."})
public final class CrmResourceCommand implements Callable<Integer> {
    @Option(names = {"-L", "--list"}, description = "list resources and where they run")
    boolean list;

    @Option(names = {"-l", "--list-raw"}, description = "list resource ids")
    boolean listRaw;

    @Option(names = {"-r", "--resource"}, paramLabel = "RSC")
    String rsc;

    @Option(names = {"-W", "--locate"}, description = "where RSC runs")
    boolean locate;

    @Option(names = {"-C", "--cleanup"}, description = "forget RSC's failures")
    boolean cleanup;

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

    @Option(names = {"-q", "--quiet"}, description = "accepted for compatibility")
    boolean quiet;

    private final CliContext ctx;

    public CrmResourceCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (list) {
            return Delegate.crm(ctx, "resource", "status");
        }
        if (listRaw) {
            return Delegate.crm(ctx, "configure", "show");
        }
        if (rsc == null && !cleanup) {
            throw new CliException("give an action (--list, --locate, --cleanup, --move, --ban, --clear, "
                    + "--set-parameter, --get-parameter, --delete-parameter) and --resource RSC", ExitCodes.USAGE);
        }
        String kind = meta ? "meta" : utilization ? "utilization" : "param";
        if (locate) {
            return Delegate.crm(ctx, "resource", "status", rsc);
        }
        if (cleanup) {
            List<String> args = Delegate.list("resource", "cleanup");
            if (rsc != null) {
                args.add(rsc);
            }
            if (node != null) {
                args.add("--node");
                args.add(node);
            }
            return Delegate.crm(ctx, args);
        }
        if (move || ban) {
            List<String> args = Delegate.list("resource", move ? "move" : "ban", rsc);
            if (node != null) {
                args.add(node);
            }
            if (lifetime != null) {
                args.add("--lifetime");
                args.add(lifetime);
            }
            return Delegate.crm(ctx, args);
        }
        if (clear) {
            return Delegate.crm(ctx, "resource", "clear", rsc);
        }
        if (setParameter != null) {
            if (value == null) {
                throw new CliException("--set-parameter needs --parameter-value VALUE", ExitCodes.USAGE);
            }
            return Delegate.crm(ctx, "resource", kind, rsc, "set", setParameter, value);
        }
        if (getParameter != null) {
            return Delegate.crm(ctx, "resource", kind, rsc, "show", getParameter);
        }
        if (deleteParameter != null) {
            return Delegate.crm(ctx, "resource", kind, rsc, "delete", deleteParameter);
        }
        return Delegate.crm(ctx, "resource", "status", rsc);
    }
}
