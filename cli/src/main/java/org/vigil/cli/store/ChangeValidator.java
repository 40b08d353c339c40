package org.vigil.cli.store;

import java.util.List;
import org.vigil.cib.Cib;

/** Decides whether a changed CIB may be stored; returns one-line reasons to refuse (empty = accept). */
@FunctionalInterface
public interface ChangeValidator {
    ChangeValidator ACCEPT_ALL = (before, after) -> List.of();

    List<String> refusals(Cib before, Cib after);
}
