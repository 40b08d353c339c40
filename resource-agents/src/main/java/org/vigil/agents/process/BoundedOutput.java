package org.vigil.agents.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a stream to its end but keeps only the first {@code limit} bytes, so a chatty agent cannot exhaust
 * memory; and, when a marker is given, the last line containing it even if that came after the limit (an
 * agent's final {@code ocf-exit-reason:} must not be lost to 64 KiB of noise before it).
 */
final class BoundedOutput {
    /** A remembered line is cut here: an exit reason is a sentence, not a file. */
    static final int MAX_LINE = 4096;

    private final int limit;
    private final byte[] marker;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private long seen;
    private long lineStart;
    private String lastMarked;
    private long lastMarkedAt = -1;
    private boolean truncated;

    BoundedOutput(int limit) {
        this(limit, null);
    }

    BoundedOutput(int limit, String marker) {
        this.limit = limit;
        this.marker = marker == null ? null : marker.getBytes(StandardCharsets.UTF_8);
    }

    void drain(InputStream in) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                append(buf, n);
            }
        } catch (IOException e) {
            // the process was killed or the pipe closed: what was read so far is the output
        }
        synchronized (this) {
            endLine();
        }
    }

    private synchronized void append(byte[] buf, int n) {
        int room = limit - kept.size();
        if (room > 0) {
            kept.write(buf, 0, Math.min(room, n));
        }
        if (n > room) {
            truncated = true;
        }
        if (marker != null) {
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    endLine();
                    lineStart = seen + i + 1;
                } else if (line.size() < MAX_LINE) {
                    line.write(buf[i]);
                }
            }
        }
        seen += n;
    }

    private void endLine() {
        if (marker != null && contains(line.toByteArray(), marker)) {
            lastMarked = line.toString(StandardCharsets.UTF_8);
            lastMarkedAt = lineStart;
        }
        line.reset();
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    synchronized String text() {
        String s = kept.toString(StandardCharsets.UTF_8);
        if (!truncated) {
            return s;
        }
        s += "\n[output truncated at " + limit + " bytes]";
        // the marked line is kept whole even when it began inside the kept part but ended beyond it
        return lastMarked != null && lastMarkedAt + lastMarked.length() >= limit ? s + "\n" + lastMarked : s;
    }

    synchronized boolean truncated() {
        return truncated;
    }
}
