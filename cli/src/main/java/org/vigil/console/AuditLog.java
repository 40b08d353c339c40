package org.vigil.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;

/**
 * Every console action, one line each, appended: {@code TIME user=NAME from=ADDR what=... result=...}. Values are
 * quoted and stripped of line breaks so a crafted name cannot forge lines. The file is 0600.
 */
final class AuditLog {
    private final Path file;
    private final Clock clock;

    AuditLog(Path file, Clock clock) throws IOException {
        this.file = file;
        this.clock = clock;
        if (!Files.exists(file)) {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
    }

    Path file() {
        return file;
    }

    synchronized void record(String user, String from, String what, String result) {
        String line = clock.instant() + " user=" + quote(user) + " from=" + quote(from) + " what=" + quote(what)
                + " result=" + quote(result) + "\n";
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the audit log " + file + ": " + e.getMessage(), e);
        }
    }

    private static String quote(String s) {
        String v = s == null ? "-" : s.replaceAll("[\\r\\n\\t]+", " ").replace("\"", "'");
        return v.matches("[A-Za-z0-9_.:@/-]+") ? v : "\"" + v + "\"";
    }
}
