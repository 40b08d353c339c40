package org.vigil.ipc;

/**
 * A request the daemon (or the connection to it) could not carry out. The message is one line meant for the
 * user; {@link Kind} tells callers what they may do about it (re-read and retry on {@link Kind#CONFLICT}).
 */
public class ServiceException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a request failed. The first group comes from the daemon, the second from the IPC itself. */
    public enum Kind {
        /** The CIB changed since the version the change was based on: re-read, re-apply, commit again. */
        CONFLICT,
        /** The partition has no quorum, so it may not change the cluster (or fence). */
        NO_QUORUM,
        /** No DC has been elected yet; try again shortly. */
        NO_DC,
        /** The daemon (or the DC, or the fencing device) did not answer in time. */
        TIMEOUT,
        /** The daemon refused the request (invalid change, unknown node, fencing not possible, ...). */
        REJECTED,
        /** vigild is not running on this node, or not ready to answer. */
        UNAVAILABLE,
        /** The caller may not talk to vigild (not root, not the daemon's user, not in the configured group). */
        ACCESS_DENIED,
        /** The request was malformed, too large or of a protocol version the other side does not speak. */
        BAD_REQUEST,
        /** The other side broke the protocol (closed the connection, sent something unreadable). */
        PROTOCOL,
        /** An unexpected failure inside the daemon; its log has the details. */
        INTERNAL
    }

    private final Kind kind;

    public ServiceException(Kind kind, String message) {
        super(oneLine(message));
        this.kind = kind;
    }

    public ServiceException(Kind kind, String message, Throwable cause) {
        super(oneLine(message), cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace("\r", " ").replace("\n", " ");
    }
}
