package org.vigil.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The record of a simulation run: every event as one line, and a SHA-256 over all of them, so two runs of
 * the same (scenario, seed) can be compared by one hash.
 */
public final class Trace {
    private final MessageDigest digest;
    private final List<String> lines = new ArrayList<>();
    private final int keepLines;

    public Trace(int keepLines) {
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
        this.keepLines = keepLines;
    }

    public void record(String line) {
        digest.update(line.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
        if (lines.size() < keepLines) {
            lines.add(line);
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
