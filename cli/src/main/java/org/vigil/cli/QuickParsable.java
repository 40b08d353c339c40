package org.vigil.cli;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * A command whose plain command lines {@link QuickOptions} fills without Picocli. It lists its {@code @Option}
 * fields as {@code "field -x --long"} lines (a field name ending in {@code ?} takes only an attached, optional
 * value, as Picocli's arity {@code 0..1}; a line of only a field name is the {@code List<String>} field taking the
 * positional words); {@code QuickOptionsTest} checks the lines against the annotations, so
 * the annotations stay the one definition and the fast path cannot drift from them.
 */
public interface QuickParsable extends Callable<Integer> {
    List<String> quickOptions();

    /** The command line after the command's name, as given (for answers that quote it); called before call(). */
    default void arguments(List<String> args) {}
}
