package org.vigil.cts;

/** A setup or tool failure the suite cannot go on after; its message is one line naming what failed. */
final class CtsException extends Exception {
    CtsException(String message) {
        super(message);
    }
}
