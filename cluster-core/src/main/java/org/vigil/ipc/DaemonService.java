package org.vigil.ipc;

import java.time.Duration;
import org.vigil.cib.Cib;
import org.vigil.cib.CibVersion;

/**
 * What the local daemon offers {@code crm} over the IPC socket. {@link IpcServer} calls it on its own
 * connection threads, several at once: implementations hand each call to the daemon's event loop and wait for
 * the answer. {@link IpcClient} implements it on the other side of the socket, so the cli and its tests
 * depend only on this interface.
 *
 * <p>Every method may throw {@link ServiceException}; its message is shown to the user as it is (one line).
 */
public interface DaemonService {
    /** This daemon's current CIB (configuration and status). */
    Cib cib() throws ServiceException;

    /**
     * Commits a change cluster-wide: the daemon forwards {@code proposed} to the DC, which stores it, bumps the
     * version and replicates it.
     *
     * <p>Optimistic concurrency: {@code basedOn} is the version of the CIB the client read and changed. The DC
     * refuses with {@link ServiceException.Kind#CONFLICT} when its CIB is no longer at {@code basedOn} (any of
     * admin_epoch, epoch, num_updates moved): {@code proposed} carries the whole CIB, so accepting it would
     * silently undo whatever happened in between. The client then re-reads, re-applies and commits again a
     * bounded number of times. (An optimisation a DC may make: when only num_updates moved and
     * {@code proposed.status()} equals the status it had at {@code basedOn}, the change is configuration-only
     * and it may keep its own status and take the proposed configuration.)
     *
     * <p>Other refusals: {@code NO_QUORUM}, {@code NO_DC}, {@code TIMEOUT}, {@code REJECTED} (with the reason).
     *
     * @return the committed CIB, with the version the DC gave it (epoch+1 and num_updates 0 when the
     *         configuration changed, num_updates+1 when only the status did)
     */
    Cib commit(Cib proposed, CibVersion basedOn) throws ServiceException;

    /** Membership, quorum, DC, rings and fencing history as this node sees them. */
    ClusterState state() throws ServiceException;

    /**
     * Asks the cluster to fence {@code node} and waits until it is done, has failed, or {@code timeout}
     * passed ({@link ServiceException.Kind#TIMEOUT}).
     *
     * @param action {@code reboot} or {@code off}
     * @return the outcome, {@link FenceOutcome.Status#DONE} or {@link FenceOutcome.Status#FAILED}
     */
    FenceOutcome fence(String node, String action, Duration timeout) throws ServiceException;

    /** The transitions every member ran as DC, gathered from the members, oldest first. */
    default org.vigil.history.HistoryListing history() throws ServiceException {
        throw new ServiceException(ServiceException.Kind.UNAVAILABLE, "this daemon keeps no transition history");
    }

    /** The scheduler input of transition {@code number} of {@code dc} (its pe-input file). */
    default Cib transitionInput(String dc, long number) throws ServiceException {
        throw new ServiceException(ServiceException.Kind.UNAVAILABLE, "this daemon keeps no transition history");
    }
}
