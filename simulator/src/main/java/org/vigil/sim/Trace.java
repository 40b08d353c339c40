package org.vigil.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The record of a simulation run: every event as one line, and a SHA-256 over all of them (each line's
 * UTF-8 bytes and a newline), so two runs of the same (scenario, seed) can be compared by one hash. Most
 * lines are "MILLIS TEXT" or "MILLIS NODE: TEXT"; those are hashed from their parts, written into one
 * reusable buffer, and become a String only when kept.
 */
public final class Trace {
    private final MessageDigest digest;
    private final List<String> lines = new ArrayList<>();
    private final int keepLines;
    private byte[] buffer = new byte[256];
    private int length;

    public Trace(int keepLines) {
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
        this.keepLines = keepLines;
    }

    public void record(String line) {
        length = 0;
        append(line);
        finish();
        if (lines.size() < keepLines) {
            lines.add(line);
        }
    }

    /** Records "{@code millis} {@code text}". */
    public void record(long millis, String text) {
        length = 0;
        append(millis);
        append(' ');
        append(text);
        finish();
        if (lines.size() < keepLines) {
            lines.add(millis + " " + text);
        }
    }

    /** Records "{@code millis} {@code node}: {@code text}". */
    public void record(long millis, String node, String text) {
        length = 0;
        append(millis);
        append(' ');
        append(node);
        append(':');
        append(' ');
        append(text);
        finish();
        if (lines.size() < keepLines) {
            lines.add(millis + " " + node + ": " + text);
        }
    }

    private void finish() {
        append('\n');
        digest.update(buffer, 0, length);
    }

    private void append(char ascii) {
        room(1);
        buffer[length++] = (byte) ascii;
    }

    private void append(long value) {
        if (value < 0) {
            append(Long.toString(value));
            return;
        }
        int digits = 1;
        for (long v = value / 10; v != 0; v /= 10) {
            digits++;
        }
        room(digits);
        long v = value;
        for (int i = length + digits - 1; i >= length; i--) {
            buffer[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        length += digits;
    }

    /** The UTF-8 bytes of {@code s}, as {@link String#getBytes} gives them. */
    private void append(String s) {
        int n = s.length();
        room(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                // the rest by the JDK's encoder (what precedes is ASCII, so no surrogate pair is split)
                byte[] rest = s.substring(i).getBytes(StandardCharsets.UTF_8);
                room(rest.length);
                System.arraycopy(rest, 0, buffer, length, rest.length);
                length += rest.length;
                return;
            }
            buffer[length++] = (byte) c;
        }
    }

    private void room(int more) {
        if (length + more > buffer.length) {
            buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }

    /** The hash of everything recorded so far (the trace can go on afterwards). */
    public String hash() {
        try {
            MessageDigest copy = (MessageDigest) digest.clone();
            return HexFormat.of().formatHex(copy.digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests are cloneable in the JDK", e);
        }
    }

    /** The first lines recorded (up to the limit given at construction). */
    public List<String> lines() {
        return List.copyOf(lines);
    }
}
