package org.vigil.cli.status;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;

/**
 * What crm_mon is asked to show: the sections ({@code --include/--exclude} and the short options that add
 * them) and how ({@code -r}, {@code -n}, {@code -b}, {@code -R}, {@code -t}, {@code --node}, {@code --resource}).
 */
public record MonOptions(Set<Section> sections, boolean inactive, boolean groupByNode, boolean brief, boolean detail,
        boolean timing, List<String> onlyNodes, List<String> onlyResources, String banPrefix) {
    /** crm_mon's sections, by the names {@code --include}/{@code --exclude} take. */
    public enum Section {
        stack, dc, times, counts, options, maint_mode, nodes, resources, attributes, failcounts, operations,
        failures, bans, tickets, fencing;

        static Section parse(String s) {
            try {
                return valueOf(s.trim().toLowerCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new CliException("--include/--exclude: unknown section '" + s + "' (expected one of: all, none,"
                        + " summary, stack, dc, times, counts, options, nodes, resources, attributes, failcounts,"
                        + " operations, failures, bans, tickets, fencing)", ExitCodes.USAGE);
            }
        }
    }

    public MonOptions {
        sections = sections.isEmpty() ? EnumSet.noneOf(Section.class) : EnumSet.copyOf(sections);
        onlyNodes = List.copyOf(onlyNodes);
        onlyResources = List.copyOf(onlyResources);
        banPrefix = banPrefix == null ? "" : banPrefix;
    }

    /** Options without a prefix for {@code -L}'s negative location constraints. */
    public MonOptions(Set<Section> sections, boolean inactive, boolean groupByNode, boolean brief, boolean detail,
            boolean timing, List<String> onlyNodes, List<String> onlyResources) {
        this(sections, inactive, groupByNode, brief, detail, timing, onlyNodes, onlyResources, "");
    }

    /** crm_mon's default sections (what {@code crm_mon -1} shows). */
    public static EnumSet<Section> defaults() {
        return EnumSet.of(Section.stack, Section.dc, Section.times, Section.counts, Section.maint_mode,
                Section.nodes, Section.resources, Section.failures, Section.fencing);
    }

    public boolean has(Section s) {
        return sections.contains(s);
    }

    /** Applies one {@code --include} or {@code --exclude} value (comma-separated) to {@code set}. */
    public static void apply(EnumSet<Section> set, String value, boolean include) {
        for (String part : value.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            EnumSet<Section> what = switch (p) {
                case "all" -> EnumSet.allOf(Section.class);
                case "none" -> EnumSet.allOf(Section.class);
                case "default" -> defaults();
                case "summary" -> EnumSet.of(Section.stack, Section.dc, Section.times, Section.counts,
                        Section.maint_mode);
                case "fencing-failed", "fencing-pending", "fencing-succeeded" -> EnumSet.of(Section.fencing);
                default -> EnumSet.of(Section.parse(p));
            };
            if (p.equals("none")) {
                if (include) {
                    set.clear(); // --include=none: only what later options add
                }
                continue; // --exclude=none: nothing excluded
            }
            if (include) {
                set.addAll(what);
            } else {
                set.removeAll(what);
            }
        }
    }

    boolean nodeShown(String name) {
        return onlyNodes.isEmpty() || onlyNodes.stream().anyMatch(n -> n.equals("*") || n.equalsIgnoreCase(name));
    }
}
