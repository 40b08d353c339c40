package org.vigil.cli.store;

import org.vigil.cib.Cib;
import org.vigil.cib.ParsedCib;
import org.vigil.cli.CliException;

/**
 * Where crm commands read the CIB and send changes: a CIB file in offline mode, the live cluster later.
 * Every implementation applies a change atomically: validated, version bumped, all or nothing.
 */
public interface CibClient {
    /** The current CIB with source line numbers (for messages). */
    ParsedCib readParsed();

    default Cib read() {
        return readParsed().cib();
    }

    /**
     * Applies {@code change} to the current CIB. When the change throws, or the result fails validation,
     * nothing is stored and a {@link CliException} explains why.
     *
     * @return the stored CIB (with its bumped version), or the unchanged one when the change was a no-op
     */
    Cib apply(CibChange change);

    /** One line naming what this client talks to, e.g. {@code file /srv/cib.xml}. */
    String describe();

    /** A function from the current CIB to the wanted one; may throw {@link CliException} to refuse. */
    @FunctionalInterface
    interface CibChange {
        Cib apply(Cib current);
    }
}
