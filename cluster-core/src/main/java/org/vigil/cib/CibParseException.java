package org.vigil.cib;

/**
 * Input that is not a usable CIB. The message is one line meant for people:
 * {@code SOURCE:LINE: what was wrong (what was expected)}.
 */
public final class CibParseException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String reason;

    public CibParseException(String source, int line, String reason) {
        super(format(source, line, reason));
        this.source = source;
        this.line = line;
        this.reason = reason;
    }

    public CibParseException(String source, int line, String reason, Throwable cause) {
        super(format(source, line, reason), cause);
        this.source = source;
        this.line = line;
        this.reason = reason;
    }

    private static String format(String source, int line, String reason) {
        String oneLine = reason.replaceAll("\\s+", " ").trim();
        return line > 0 ? source + ":" + line + ": " + oneLine : source + ": " + oneLine;
    }

    public String source() {
        return source;
    }

    /** 1-based line, or 0 when unknown. */
    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
