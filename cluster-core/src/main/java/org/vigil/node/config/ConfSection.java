package org.vigil.node.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One {@code name { ... }} block of a corosync.conf file, as written: settings and sub-blocks in file order,
 * each with its line number so every later complaint can point at the place.
 */
public record ConfSection(String name, int line, List<Setting> settings, List<ConfSection> sections) {
    public ConfSection {
        settings = List.copyOf(settings);
        sections = List.copyOf(sections);
    }

    /** {@code key: value} on one line. */
    public record Setting(String key, String value, int line) {}

    public List<ConfSection> sections(String sectionName) {
        List<ConfSection> out = new ArrayList<>();
        for (ConfSection s : sections) {
            if (s.name.equals(sectionName)) {
                out.add(s);
            }
        }
        return out;
    }

    /** The last occurrence wins, as in corosync. */
    public Optional<Setting> setting(String key) {
        Setting found = null;
        for (Setting s : settings) {
            if (s.key.equals(key)) {
                found = s;
            }
        }
        return Optional.ofNullable(found);
    }
}
