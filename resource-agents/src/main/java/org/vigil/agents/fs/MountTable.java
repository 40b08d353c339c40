package org.vigil.agents.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vigil.agents.AgentFailure;

/** The kernel's mount table ({@code /proc/mounts} format: device, mount point, type, options, with octal escapes). */
record MountTable(List<Entry> entries) {
    record Entry(String device, String directory, String fstype, String options) {}

    MountTable {
        entries = List.copyOf(entries);
    }

    static MountTable read(Path procMounts) {
        try {
            return parse(Files.readString(procMounts));
        } catch (IOException e) {
            throw AgentFailure.generic("cannot read mount table " + procMounts + ": " + e.getMessage());
        }
    }

    static MountTable parse(String text) {
        List<Entry> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4) {
                out.add(new Entry(unescape(f[0]), unescape(f[1]), f[2], f[3]));
            }
        }
        return new MountTable(out);
    }

    /** The last mount on {@code directory} wins, as it hides earlier ones. */
    Optional<Entry> at(String directory) {
        String dir = normalize(directory);
        Entry found = null;
        for (Entry e : entries) {
            if (normalize(e.directory()).equals(dir)) {
                found = e;
            }
        }
        return Optional.ofNullable(found);
    }

    static String normalize(String dir) {
        String d = dir;
        while (d.length() > 1 && d.endsWith("/")) {
            d = d.substring(0, d.length() - 1);
        }
        return d;
    }

    /** /proc/mounts writes space, tab, newline and backslash as \040, \011, \012, \134. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, Math.min(i + 4, s.length())).matches("[0-7]{3}")) {
                sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
