package org.vigil.agents.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Drains a stream to its end but keeps only the first {@code limit} bytes, so a chatty agent cannot exhaust memory. */
final class BoundedOutput {
    private final int limit;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private boolean truncated;

    BoundedOutput(int limit) {
        this.limit = limit;
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
    }

    private synchronized void append(byte[] buf, int n) {
        int room = limit - kept.size();
        if (room > 0) {
            kept.write(buf, 0, Math.min(room, n));
        }
        if (n > room) {
            truncated = true;
        }
    }

    synchronized String text() {
        String s = kept.toString(StandardCharsets.UTF_8);
        return truncated ? s + "\n[output truncated at " + limit + " bytes]" : s;
    }

    synchronized boolean truncated() {
        return truncated;
    }
}
