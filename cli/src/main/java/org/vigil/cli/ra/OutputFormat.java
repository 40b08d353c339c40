package org.vigil.cli.ra;

/** Output formats of the {@code crm ra} commands (lower case, as typed on the command line). */
enum OutputFormat {
    text,
    json
}
