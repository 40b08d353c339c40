package org.vigil.node.config;

import java.util.List;

/**
 * The outcome of reading a configuration: the understood config (null when not usable), every error and
 * every warning, each one line {@code file:line: ...}.
 */
public record ConfigCheck(ClusterConfig config, List<String> errors, List<String> warnings) {
    public ConfigCheck {
        errors = byLine(errors);
        warnings = byLine(warnings);
    }

    /** In file order, so a reader can follow the file; messages from one line keep their order. */
    private static List<String> byLine(List<String> messages) {
        List<String> sorted = new java.util.ArrayList<>(messages);
        sorted.sort(java.util.Comparator.comparingInt(ConfigCheck::lineOf));
        return List.copyOf(sorted);
    }

    private static int lineOf(String message) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(":(\\d+): ").matcher(message);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    public boolean usable() {
        return errors.isEmpty() && config != null;
    }
}
