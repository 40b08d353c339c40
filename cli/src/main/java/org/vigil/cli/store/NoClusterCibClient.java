package org.vigil.cli.store;

import org.vigil.cib.Cib;
import org.vigil.cib.ParsedCib;
import org.vigil.cli.CliException;

/** Stands in for the live cluster connection, which does not exist yet: every use says what to do instead. */
final class NoClusterCibClient implements CibClient {
    static final String MESSAGE = "the connection to a live cluster is not available yet in Vigil; "
            + "set CIB_file=/path/to/cib.xml to work on a CIB file (offline mode)";

    @Override
    public ParsedCib readParsed() {
        throw new CliException(MESSAGE);
    }

    @Override
    public Cib apply(CibChange change) {
        throw new CliException(MESSAGE);
    }

    @Override
    public String describe() {
        return "live cluster (not available)";
    }
}
