package org.vigil.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vigil.cib.Cib;
import org.vigil.cib.ParsedCib;
import org.vigil.ipc.ClusterState;
import org.vigil.ipc.DaemonService;
import org.vigil.ipc.ServiceException;
import org.vigil.cli.store.ChangeValidator;
import org.vigil.cli.store.CibClient;
import org.vigil.cli.store.CibClients;
import org.vigil.cli.verify.Verifier;

/** Base of commands that read or change the CIB. */
public abstract class CibCommand {
    protected final CliContext ctx;
    /** Messages gathered while a change is computed; shown only if the change is stored. */
    private final List<String> notices = new ArrayList<>();

    protected CibCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    /**
     * The CIB to work on. A live change may be computed more than once (the cluster changed meanwhile), so
     * notices are started afresh with each attempt.
     */
    protected CibClient client() {
        CibClient c = CibClients.forContext(ctx, new CheckedChanges(ctx));
        return new CibClient() {
            @Override
            public ParsedCib readParsed() {
                return c.readParsed();
            }

            @Override
            public Cib apply(CibChange change) {
                return c.apply(cib -> {
                    notices.clear();
                    return change.apply(cib);
                });
            }

            @Override
            public String describe() {
                return c.describe();
            }
        };
    }

    /** Whether crm talks to the live cluster (no {@code CIB_file}). */
    protected boolean live() {
        return CibClients.cibFile(ctx).isEmpty();
    }

    /** The local vigild; refuses in offline mode, naming {@code what} needs the live cluster. */
    protected DaemonService daemon(String what) {
        Optional<Path> file = CibClients.cibFile(ctx);
        if (file.isPresent()) {
            throw new CliException(what + " needs the live cluster (vigild); CIB_file=" + file.get()
                    + " is set, so crm works on that file (offline mode)");
        }
        return CibClients.daemon(ctx);
    }

    protected ClusterState clusterState(String what) {
        try {
            return daemon(what).state();
        } catch (ServiceException e) {
            throw new CliException(e.getMessage());
        }
    }

    /** The nodes of {@code cib}; live, with membership as vigild sees it (newer than the CIB's). */
    protected List<org.vigil.cli.status.NodeView> nodeViews(Cib cib) {
        return live() ? org.vigil.cli.status.NodeView.of(cib, clusterState("crm").members())
                : org.vigil.cli.status.NodeView.of(cib);
    }

    /** This node's name from vigild; offline there is none, and {@code offlineRefusal} says what to do. */
    protected String localNode(String what, String offlineRefusal) {
        if (!live()) {
            throw new CliException(offlineRefusal, ExitCodes.USAGE);
        }
        return clusterState(what).localNode();
    }

    protected void notice(String message) {
        notices.add(message);
    }

    /** Prints the notices of a change that was stored. */
    protected void flushNotices() {
        for (String n : notices) {
            ctx.err().println(n);
        }
        notices.clear();
        ctx.err().flush();
    }

    protected void discardNotices() {
        notices.clear();
    }

    /**
     * The verifier's checks of a change, set up when a change is first checked: a read-only command (most of
     * them, called by scripts in loops) never loads the verifier, its patterns or the agent registry.
     */
    private static final class CheckedChanges implements ChangeValidator {
        private final CliContext ctx;
        private ChangeValidator checks;

        CheckedChanges(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public List<String> refusals(Cib before, Cib after) {
            if (checks == null) {
                checks = Verifier.changeValidator(Verifier.machineChecks(ctx), ctx.err());
            }
            return checks.refusals(before, after);
        }
    }
}
