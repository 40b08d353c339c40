package org.vigil.cib;

/**
 * One validation result.
 *
 * @param objectId the id of the object at fault (null for the CIB as a whole)
 * @param line     1-based line in the source file, or 0 when unknown
 * @param refusedInChanges a change that introduces it is refused: every error, and the warnings about what
 *                 Pacemaker's own {@code crm_verify} rejects but its scheduler tolerates in CIBs it already has
 */
public record Finding(Severity severity, String objectId, int line, String message, boolean refusedInChanges) {
    public Finding(Severity severity, String objectId, int line, String message) {
        this(severity, objectId, line, message, severity == Severity.ERROR);
    }

    public enum Severity {
        ERROR,
        WARNING
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code SOURCE:LINE: error: id 'x': message}, the form compilers use, so editors can jump to it. */
    public String format(String source) {
        StringBuilder b = new StringBuilder();
        if (source != null) {
            b.append(source);
            if (line > 0) {
                b.append(':').append(line);
            }
            b.append(": ");
        }
        b.append(severity == Severity.ERROR ? "error: " : "warning: ");
        if (objectId != null) {
            b.append('\'').append(objectId).append("': ");
        }
        return b.append(message).toString();
    }
}
