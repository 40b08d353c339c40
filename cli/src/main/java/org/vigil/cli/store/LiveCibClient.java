package org.vigil.cli.store;

import java.util.List;
import java.util.Map;
import org.vigil.cib.Cib;
import org.vigil.cib.ParsedCib;
import org.vigil.cli.CliException;
import org.vigil.ipc.DaemonService;
import org.vigil.ipc.ServiceException;

/**
 * The live cluster: reads the local vigild's CIB and commits changes through it to the DC. A change is
 * computed on the CIB as read, validated as in offline mode, and committed "based on" that CIB's version;
 * when the cluster changed meanwhile the DC says CONFLICT and the change is computed again on the new CIB,
 * a bounded number of times, so it lands once or not at all.
 */
public final class LiveCibClient implements CibClient {
    static final int ATTEMPTS = 5;
    /** How long a change waits for a DC to be elected: 20 × 0.5 s. */
    static final int ELECTION_WAITS = 20;
    static final long ELECTION_PAUSE_MS = 500;

    private final DaemonService daemon;
    private final String where;
    private final ChangeValidator validator;

    /** @param where what the client talks to, for messages (the socket path) */
    public LiveCibClient(DaemonService daemon, String where, ChangeValidator validator) {
        this.daemon = daemon;
        this.where = where;
        this.validator = validator;
    }

    @Override
    public ParsedCib readParsed() {
        return new ParsedCib(current(), "live CIB", Map.of(), List.of());
    }

    private Cib current() {
        try {
            return daemon.cib();
        } catch (ServiceException e) {
            throw new CliException(e.getMessage());
        }
    }

    @Override
    public Cib apply(CibChange change) {
        ServiceException conflict = null;
        int conflicts = 0;
        int electionWaits = 0;
        while (conflicts < ATTEMPTS) {
            Cib before = current();
            Cib after = change.apply(before);
            if (after.equals(before)) {
                return before;
            }
            List<String> refusals = validator.refusals(before, after);
            if (!refusals.isEmpty()) {
                throw new CliException("change rejected, CIB unchanged: " + String.join("; ", refusals));
            }
            try {
                return daemon.commit(after.withVersion(before.version()), before.version());
            } catch (ServiceException e) {
                if (e.kind() == ServiceException.Kind.TIMEOUT || e.kind() == ServiceException.Kind.PROTOCOL
                        || e.kind() == ServiceException.Kind.INTERNAL) {
                    // the request may have reached the DC: claiming "unchanged" could be false
                    throw new CliException("the change may or may not have been committed (" + e.getMessage()
                            + "); check with 'crm configure show' before repeating it");
                }
                if (e.kind() == ServiceException.Kind.NO_DC && electionWaits < ELECTION_WAITS) {
                    // an election takes a second or two (a node joined or left): wait for it, as cibadmin does
                    electionWaits++;
                    sleep(ELECTION_PAUSE_MS);
                } else if (e.kind() == ServiceException.Kind.CONFLICT) {
                    conflict = e;
                    conflicts++;
                    pause(conflicts);
                } else {
                    throw new CliException("change not committed, CIB unchanged: " + e.getMessage());
                }
            }
        }
        throw new CliException("change not committed, CIB unchanged: the cluster's CIB kept changing while the "
                + "change was applied (" + ATTEMPTS + " attempts; last: " + conflict.getMessage() + "); try again");
    }

    /** Gives a busy DC a moment before the next attempt; short, a person is waiting. */
    private static void pause(int attempt) {
        sleep(20L * attempt);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted; change not committed");
        }
    }

    @Override
    public String describe() {
        return "live cluster via " + where;
    }
}
