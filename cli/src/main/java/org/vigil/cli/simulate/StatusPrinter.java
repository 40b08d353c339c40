package org.vigil.cli.simulate;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.scheduler.ClusterView;

/** Prints a {@link ClusterView} in crm_mon's layout, as crm_simulate shows cluster status. */
final class StatusPrinter {
    private StatusPrinter() {}

    static void print(PrintWriter out, ClusterView view) {
        out.println("  * Node List:");
        List<String> online = new ArrayList<>();
        List<String> offline = new ArrayList<>();
        for (ClusterView.NodeLine n : view.nodes()) {
            switch (n.state()) {
                case "online" -> online.add(n.name());
                case "offline" -> offline.add(n.name());
                default -> out.println("    * Node " + n.name() + ": " + n.state());
            }
        }
        if (!online.isEmpty()) {
            out.println("    * Online: [ " + String.join(" ", online) + " ]");
        }
        if (!offline.isEmpty()) {
            out.println("    * OFFLINE: [ " + String.join(" ", offline) + " ]");
        }
        out.println();
        out.println("  * Full List of Resources:");
        if (view.resources().isEmpty()) {
            out.println("    * No resources");
        }
        List<String> allNodes = view.nodes().stream().map(ClusterView.NodeLine::name).toList();
        for (ClusterView.ResourceView r : view.resources()) {
            printResource(out, r, "    ", allNodes);
        }
    }

    private static void printResource(PrintWriter out, ClusterView.ResourceView r, String indent,
            List<String> allNodes) {
        switch (r.kind()) {
            case "primitive" -> out.println(indent + "* " + primitiveLine(r));
            case "group" -> {
                out.println(indent + "* Resource Group: " + r.id() + (r.managed() ? "" : " (unmanaged)") + ":");
                for (ClusterView.ResourceView c : r.children()) {
                    printResource(out, c, indent + "  ", allNodes);
                }
            }
            case "bundle" -> BundleStatusPrinter.print(out, r, indent);
            default -> printClone(out, r, indent, allNodes);
        }
    }

    private static void printClone(PrintWriter out, ClusterView.ResourceView clone, String indent,
            List<String> allNodes) {
        String child = clone.children().isEmpty() ? "" : baseId(clone.children().get(0).id());
        List<String> flags = new ArrayList<>();
        if (clone.promotable()) {
            flags.add("promotable");
        }
        if (clone.unique()) {
            flags.add("unique");
        }
        if (!clone.managed()) {
            flags.add("unmanaged");
        }
        out.println(indent + "* Clone Set: " + clone.id() + " [" + child + "]"
                + (flags.isEmpty() ? "" : " (" + String.join(", ", flags) + ")") + ":");
        String inner = indent + "  ";
        boolean detailed = clone.unique() || clone.children().stream().anyMatch(c -> !c.kind().equals("primitive"));
        if (detailed) {
            for (ClusterView.ResourceView c : clone.children()) {
                printResource(out, c, inner, allNodes);
            }
            return;
        }
        Map<String, List<String>> byRole = new LinkedHashMap<>();
        List<String> stoppedOrSpecial = new ArrayList<>();
        List<String> stoppedOn = new ArrayList<>(allNodes);
        for (ClusterView.ResourceView c : clone.children()) {
            stoppedOn.removeAll(c.nodes());
            if (c.nodes().isEmpty()) {
                continue;
            }
            if (c.failed() || !c.managed() || c.nodes().size() > 1 || c.orphan()) {
                stoppedOrSpecial.add(primitiveLine(c));
                continue;
            }
            byRole.computeIfAbsent(c.role(), k -> new ArrayList<>()).addAll(c.nodes());
        }
        for (String line : stoppedOrSpecial) {
            out.println(inner + "* " + line);
        }
        for (Map.Entry<String, List<String>> e : byRole.entrySet()) {
            List<String> nodes = new ArrayList<>(e.getValue());
            nodes.sort(String::compareTo);
            out.println(inner + "* " + e.getKey() + ": [ " + String.join(" ", nodes) + " ]");
        }
        if (!stoppedOn.isEmpty()) {
            stoppedOn.sort(String::compareTo);
            out.println(inner + "* Stopped: [ " + String.join(" ", stoppedOn) + " ]");
        }
    }

    private static String baseId(String id) {
        return org.vigil.cib.ResourceInstance.baseOf(id);
    }

    private static String primitiveLine(ClusterView.ResourceView r) {
        StringBuilder sb = new StringBuilder(r.id()).append("\t(").append(r.agent()).append("):\t ");
        if (r.orphan()) {
            sb.append("ORPHANED ");
        }
        if (r.nodes().isEmpty()) {
            sb.append("Stopped");
            if (r.disabled()) {
                sb.append(" (disabled)");
            }
            if (!r.managed()) {
                sb.append(" (unmanaged)");
            }
            return sb.toString();
        }
        sb.append(r.failed() ? "FAILED" : r.role());
        if (r.nodes().size() == 1) {
            sb.append(' ').append(r.nodes().get(0));
        } else {
            sb.append(" [ ").append(String.join(" ", r.nodes())).append(" ]");
        }
        if (!r.managed()) {
            sb.append(r.failed() ? " (blocked)" : " (unmanaged)");
        }
        return sb.toString();
    }
}
