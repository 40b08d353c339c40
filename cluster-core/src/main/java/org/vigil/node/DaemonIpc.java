package org.vigil.node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.vigil.cib.Cib;
import org.vigil.cib.CibVersion;
import org.vigil.ipc.ClusterState;
import org.vigil.ipc.DaemonService;
import org.vigil.ipc.FenceOutcome;
import org.vigil.ipc.ServiceException;
import org.vigil.membership.MembershipView;

/** The running node as {@code crm} sees it over the IPC socket: each call waits for the daemon's answer. */
final class DaemonIpc implements DaemonService {
    static final Duration COMMIT_WAIT = Duration.ofSeconds(30);

    private final ClusterDaemon daemon;
    private final Supplier<List<String>> rings;

    DaemonIpc(ClusterDaemon daemon, Supplier<List<String>> rings) {
        this.daemon = daemon;
        this.rings = rings;
    }

    @Override
    public Cib cib() throws ServiceException {
        Cib c = daemon.cib();
        if (c == null) {
            throw new ServiceException(ServiceException.Kind.UNAVAILABLE, "vigild has no CIB yet");
        }
        return c;
    }

    @Override
    public Cib commit(Cib proposed, CibVersion basedOn) throws ServiceException {
        return await(daemon.commit(proposed, basedOn), COMMIT_WAIT, "the DC did not confirm the change in time");
    }

    @Override
    public ClusterState state() {
        MembershipView v = daemon.view();
        String version = VigilVersion.current();
        if (v == null) {
            return new ClusterState(daemon.node(), null, false, 0, 0, List.of(daemon.node()), List.of(), rings.get(),
                    daemon.fenceHistory(), version);
        }
        return new ClusterState(daemon.node(), v.dc(), v.quorum().quorate(), v.quorum().totalVotes(),
                v.quorum().expectedVotes(), v.members(), new ArrayList<>(new java.util.TreeSet<>(v.strangers())),
                rings.get(), daemon.fenceHistory(), version);
    }

    @Override
    public FenceOutcome fence(String node, String action, Duration timeout) throws ServiceException {
        if (!action.equals("reboot") && !action.equals("off")) {
            throw new ServiceException(ServiceException.Kind.REJECTED, "fencing action must be reboot or off, not '"
                    + action + "'");
        }
        if (daemon.cib() != null && daemon.cib().configuration().node(node).isEmpty()) {
            throw new ServiceException(ServiceException.Kind.REJECTED, "'" + node + "' is not a node of this cluster");
        }
        return await(daemon.fence(node, action), timeout, "fencing " + node + " did not finish in "
                + timeout.toSeconds() + " s");
    }

    @Override
    public org.vigil.history.HistoryListing history() throws ServiceException {
        HistoryDesk h = daemon.history();
        if (h == null) {
            throw new ServiceException(ServiceException.Kind.UNAVAILABLE, "vigild keeps no transition history");
        }
        return h.all();
    }

    @Override
    public Cib transitionInput(String dc, long number) throws ServiceException {
        HistoryDesk h = daemon.history();
        if (h == null) {
            throw new ServiceException(ServiceException.Kind.UNAVAILABLE, "vigild keeps no transition history");
        }
        try {
            return h.input(dc, number);
        } catch (java.io.IOException e) {
            throw new ServiceException(ServiceException.Kind.REJECTED, e.getMessage());
        }
    }

    private static <T> T await(CompletableFuture<T> f, Duration limit, String timeoutMessage) throws ServiceException {
        try {
            return f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ServiceException(ServiceException.Kind.TIMEOUT, timeoutMessage);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException(ServiceException.Kind.INTERNAL, "interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ClusterDaemon.Refused r) {
                ServiceException.Kind kind;
                try {
                    kind = ServiceException.Kind.valueOf(r.kind());
                } catch (IllegalArgumentException unknown) {
                    kind = ServiceException.Kind.REJECTED;
                }
                throw new ServiceException(kind, r.getMessage());
            }
            throw new ServiceException(ServiceException.Kind.INTERNAL, String.valueOf(e.getCause()));
        }
    }
}
