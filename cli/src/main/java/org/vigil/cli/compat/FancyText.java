package org.vigil.cli.compat;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code --text-fancy}: Pacemaker's text output with its lists shown, a {@code Title:} header and
 * {@code "  * name: item"} bullets, where plain text prints the items alone.
 */
final class FancyText {
    private FancyText() {}

    /** A list: nothing when empty (Pacemaker opens the list with its first item). */
    static List<String> list(String title, String itemName, List<String> items) {
        List<String> out = new ArrayList<>();
        if (items.isEmpty()) {
            return out;
        }
        out.add(title + ":");
        for (String item : items) {
            out.add("  * " + (itemName == null ? "" : itemName + ": ") + item);
        }
        return out;
    }

    /**
     * {@code --why}: each "Resource ..." line a reason; the checks that follow one (cli_resource_check's lines) a
     * nested "Resource Checks" list.
     */
    static List<String> reasons(List<String> lines) {
        List<String> out = new ArrayList<>();
        if (lines.isEmpty()) {
            return out;
        }
        out.add("Resource Reasons:");
        boolean inChecks = false;
        for (String line : lines) {
            if (line.startsWith("Resource ")) {
                out.add("  * reason: " + line);
                inChecks = false;
            } else {
                if (!inChecks) {
                    out.add("  * Resource Checks:");
                    inChecks = true;
                }
                out.add("    * check: " + line);
            }
        }
        return out;
    }
}
