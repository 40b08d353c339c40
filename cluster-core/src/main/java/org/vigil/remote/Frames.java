package org.vigil.remote;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Length-prefixed frames: a 4-byte big-endian length, then that many bytes of UTF-8 JSON. A length outside
 * 1..{@code max} is refused before anything is allocated for it.
 */
final class Frames {
    /** The largest frame either side accepts: an action with its parameters, or a result with bounded output. */
    static final int MAX_FRAME = 1024 * 1024;

    private Frames() {}

    /** A frame the peer should not have sent (length out of bounds); the connection is closed. */
    static final class FrameException extends IOException {
        private static final long serialVersionUID = 1L;

        FrameException(String message) {
            super(message);
        }
    }

    /** Reads one frame; {@link EOFException} when the peer closed cleanly before a frame began. */
    static byte[] read(DataInputStream in, int max) throws IOException {
        int length = in.readInt();
        if (length < 1 || length > max) {
            throw new FrameException("a frame of " + Integer.toUnsignedString(length) + " bytes (limit " + max + ")");
        }
        byte[] body = new byte[length];
        in.readFully(body);
        return body;
    }

    static void write(OutputStream out, byte[] body) throws IOException {
        if (body.length < 1 || body.length > MAX_FRAME) {
            throw new FrameException("refusing to send a frame of " + body.length + " bytes (limit " + MAX_FRAME + ")");
        }
        byte[] frame = new byte[4 + body.length];
        frame[0] = (byte) (body.length >>> 24);
        frame[1] = (byte) (body.length >>> 16);
        frame[2] = (byte) (body.length >>> 8);
        frame[3] = (byte) body.length;
        System.arraycopy(body, 0, frame, 4, body.length);
        out.write(frame);
        out.flush();
    }
}
