package org.vigil.remote;

/** Exception messages as the remote executor logs and reports them (refusals go to {@code RefusalLog}). */
final class Refusals {
    private Refusals() {}

    /** At most 120 printable characters of an exception's message: never a stack trace, never raw bytes. */
    static String brief(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < m.length() && b.length() < 120; i++) {
            char c = m.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }
}
