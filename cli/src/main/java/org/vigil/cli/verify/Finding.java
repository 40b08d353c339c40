package org.vigil.cli.verify;

/**
 * One thing {@code crm verify} reports.
 *
 * @param objectId the configuration object concerned, or null for the whole cluster
 * @param line     1-based line of the object in the CIB file, 0 when unknown
 */
public record Finding(Severity severity, String objectId, int line, String message) {
    public enum Severity { ERROR, WARNING, INFO }

    public static Finding error(String id, String message) {
        return new Finding(Severity.ERROR, id, 0, message);
    }

    public static Finding warning(String id, String message) {
        return new Finding(Severity.WARNING, id, 0, message);
    }

    public static Finding info(String id, String message) {
        return new Finding(Severity.INFO, id, 0, message);
    }

    public Finding atLine(int l) {
        return new Finding(severity, objectId, l, message);
    }

    /** {@code ERROR: vm01: message (line 12)}. */
    public String format() {
        StringBuilder sb = new StringBuilder(severity.name()).append(": ");
        if (objectId != null) {
            sb.append(objectId).append(": ");
        }
        sb.append(message);
        if (line > 0) {
            sb.append(" (line ").append(line).append(')');
        }
        return sb.toString();
    }
}
