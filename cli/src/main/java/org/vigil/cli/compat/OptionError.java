package org.vigil.cli.compat;

import org.vigil.cli.CliException;

/**
 * An option Pacemaker's tools refuse while parsing their command line, before their output is set up: the
 * message goes to stderr as text even when XML was asked for, and the exit code is 64 (CRM_EX_USAGE).
 */
final class OptionError extends CliException {
    private static final long serialVersionUID = 1L;

    OptionError(String message) {
        super(message, CrmResourceCommand.EX_USAGE);
    }
}
