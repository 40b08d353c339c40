package org.vigil.cts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What runs where, from the agents' own state files rather than from any daemon: ocf:heartbeat:Dummy keeps
 * {@code HA_RSCTMP/Dummy-ID.state} while started, ocf:pacemaker:Stateful keeps {@code HA_VARRUN/Stateful-ID.state}
 * holding its role (Promoted or Unpromoted; clone instance numbers are cut off the id). The suite configures Dummy
 * only as single primitives and Stateful only as promotable clones, so the role alone tells which is which:
 * {@link #STARTED} for a Dummy, a clone role for a Stateful instance.
 */
final class AgentStates {
    static final String STARTED = "Started";
    /** What an empty Stateful file (read between its creation and its write) counts as: at least running. */
    static final String UNPROMOTED = "Unpromoted";

    private AgentStates() {}

    /** Resource id to role for one machine (empty when its /run is empty, as after a power loss). */
    static Map<String, String> read(Machine m) {
        Map<String, String> active = new TreeMap<>();
        list(m.rsctmp(), "Dummy-", active, false);
        list(m.run(), "Stateful-", active, true);
        return active;
    }

    private static void list(Path dir, String prefix, Map<String, String> out, boolean roleInside) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String f = p.getFileName().toString();
                if (f.startsWith(prefix) && f.endsWith(".state")) {
                    String id = f.substring(prefix.length(), f.length() - ".state".length());
                    out.put(id, roleInside ? role(p) : STARTED);
                }
            }
        } catch (IOException e) {
            // the directory is being emptied (power-off): what is left is read at the next look
        }
    }

    private static String role(Path p) {
        try {
            String r = Files.readString(p).strip();
            return r.isEmpty() ? UNPROMOTED : r;
        } catch (IOException e) {
            return UNPROMOTED; // removed while reading (a stop): it was running a moment ago
        }
    }
}
