package org.vigil.agents.ocf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.vigil.agents.AttributeUpdate;

/**
 * OCF agents set promotion scores and transient node attributes with {@code ${HA_SBIN_DIR}/crm_attribute}
 * (or {@code crm_master}, or {@code attrd_updater} with its dampening delay), which under Pacemaker reach attrd. Under Vigil, {@code HA_SBIN_DIR} points to a
 * directory of small shims: those two record the updates in a file the executor reads after the action and
 * returns with its result (as native agents return them), so they reach the DC with the result itself;
 * every other Pacemaker tool name runs the real tool.
 */
final class AttributeShims {
    static final String DIR = ".vigil-sbin";
    private static final List<String> PASS_THROUGH = List.of("crm_resource", "crm_node", "cibadmin", "crm_mon", "stonith_admin", "crm_verify", "crm_simulate", "crm_ticket", "crm_failcount",
            "crm_standby", "crm_shadow", "crm_diff", "iso8601");

    private AttributeShims() {}

    /** Writes the shims under {@code stateDir} (once; rewritten atomically when they differ) and returns their directory. */
    static synchronized Path install(Path stateDir) throws IOException {
        Path dir = stateDir.resolve(DIR);
        Files.createDirectories(dir);
        String shim;
        try (InputStream in = AttributeShims.class.getResourceAsStream("crm_attribute.sh")) {
            if (in == null) {
                throw new IOException("crm_attribute.sh missing from the agents jar");
            }
            shim = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        write(dir.resolve("crm_attribute"), shim);
        write(dir.resolve("crm_master"), shim);
        write(dir.resolve("attrd_updater"), shim);
        for (String tool : PASS_THROUGH) {
            write(dir.resolve(tool), "#!/bin/sh\nexec \"${VIGIL_REAL_SBIN:-/usr/sbin}/" + tool + "\" \"$@\"\n");
        }
        return dir;
    }

    private static void write(Path file, String content) throws IOException {
        if (Files.isExecutable(file) && Files.readString(file).equals(content)) {
            return;
        }
        Path tmp = Files.createTempFile(file.getParent(), ".shim-", ".tmp");
        Files.writeString(tmp, content);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The updates an action recorded, in order; malformed lines are skipped (the shim never writes them). */
    static List<AttributeUpdate> read(Path file) throws IOException {
        List<AttributeUpdate> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            // "set NAME VALUE" / "delete NAME", with "dampen=DURATION " in front when attrd_updater -d gave one
            java.time.Duration dampen = java.time.Duration.ZERO;
            if (line.startsWith("dampen=")) {
                int sp = line.indexOf(' ');
                if (sp < 0) {
                    continue;
                }
                try {
                    dampen = org.vigil.agents.OcfDurations.parse(line.substring("dampen=".length(), sp));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                line = line.substring(sp + 1);
            }
            String[] p = line.split(" ", 3);
            if (p.length == 3 && p[0].equals("set") && !p[1].isEmpty()) {
                out.add(AttributeUpdate.set(p[1], p[2]).withDampen(dampen));
            } else if (p.length == 2 && p[0].equals("delete") && !p[1].isEmpty()) {
                out.add(AttributeUpdate.delete(p[1]).withDampen(dampen));
            }
        }
        return out;
    }
}
