package org.vigil.cli.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vigil.cib.Booleans;
import org.vigil.cib.Clone;
import org.vigil.cib.Configuration;
import org.vigil.cib.Group;
import org.vigil.cib.NvSets;
import org.vigil.cib.OpaqueResource;
import org.vigil.cib.Primitive;
import org.vigil.cib.Resource;
import org.vigil.cib.ResourceTemplate;

/** The resource list of {@code crm_mon -1}: one entry per resource, clones summarised per role. */
public final class ResourceLines {
    private ResourceLines() {}

    public static List<String> render(Configuration conf, OperationHistory history, List<NodeView> nodes) {
        List<String> out = new ArrayList<>();
        for (Resource r : conf.resources()) {
            render(conf, r, history, nodes, "  ", false, out);
        }
        return out;
    }

    private static void render(Configuration conf, Resource r, OperationHistory h, List<NodeView> nodes,
            String indent, boolean parentDisabled, List<String> out) {
        if (r instanceof Primitive p) {
            String line = primitiveLine(conf, p, h, nodes);
            if (parentDisabled && !line.contains("(disabled)")) {
                line += " (disabled)"; // a stopped group stops its members
            }
            out.add(indent + "* " + line);
        } else if (r instanceof Group g) {
            out.add(indent + "* Resource Group: " + g.id() + flags(conf, g.id(), g.metaAttributes()) + ":");
            boolean disabled = parentDisabled || disabled(g.metaAttributes());
            for (Resource m : g.children()) {
                render(conf, m, h, nodes, indent + "  ", disabled, out);
            }
        } else if (r instanceof Clone c) {
            cloneLines(conf, c, h, nodes, indent, out);
        } else if (r instanceof OpaqueResource o && o.element().name().equals("bundle")) {
            BundleLines.render(o.element(), h, indent, out);
        } else if (r instanceof OpaqueResource o) {
            out.add(indent + "* " + o.id() + "\t(" + o.element().name() + "):\t not shown by Vigil yet");
        } else if (r instanceof ResourceTemplate) {
            return;
        }
    }

    static String primitiveLine(Configuration conf, Primitive p, OperationHistory h, List<NodeView> nodes) {
        List<String> active = h.activeNodes(p.id());
        String state;
        if (active.isEmpty()) {
            state = "Stopped";
        } else {
            List<String> failed = active.stream().filter(n -> h.role(p.id(), n) == OperationHistory.Role.FAILED)
                    .toList();
            List<String> promoted = active.stream()
                    .filter(n -> h.role(p.id(), n) == OperationHistory.Role.PROMOTED).toList();
            if (!failed.isEmpty()) {
                state = "FAILED " + String.join(" ", failed)
                        + (failed.stream().anyMatch(n -> h.blocked(p.id(), n)) ? " (blocked)" : "");
            } else if (active.size() > 1) {
                state = "Started [ " + String.join(" ", active) + " ]";
            } else if (!promoted.isEmpty()) {
                state = "Promoted " + promoted.get(0);
            } else {
                state = "Started " + active.get(0);
            }
        }
        if (active.size() == 1 && nodes.stream().anyMatch(n -> n.unclean() && n.name().equals(active.get(0)))) {
            state += " (UNCLEAN)";
        }
        String agent = p.template() != null ? "@" + p.template() : p.agent();
        return p.id() + "\t(" + agent + "):\t " + state + flags(conf, p.id(), p.metaAttributes());
    }

    private static boolean disabled(List<org.vigil.cib.NvSet> meta) {
        return NvSets.firstValue(meta, "target-role").map(t -> t.equalsIgnoreCase("stopped")).orElse(false);
    }

    private static String flags(Configuration conf, String id, List<org.vigil.cib.NvSet> meta) {
        StringBuilder sb = new StringBuilder();
        String target = NvSets.firstValue(meta, "target-role").orElse(null);
        if (target != null && target.equalsIgnoreCase("stopped")) {
            sb.append(" (disabled)");
        }
        String managed = NvSets.firstValue(meta, "is-managed")
                .or(() -> NvSets.firstValue(conf.rscDefaults(), "is-managed")).orElse(null);
        if (managed != null && !Booleans.isTrue(managed)) {
            sb.append(" (unmanaged)");
        }
        if (NvSets.firstValue(meta, "maintenance").map(Booleans::isTrue).orElse(false)) {
            sb.append(" (maintenance)");
        }
        return sb.toString();
    }

    /** Globally unique, as Pacemaker decides: anonymous-only agent classes can never be unique. */
    private static boolean unique(Configuration conf, Clone c) {
        boolean set = NvSets.firstValue(c.metaAttributes(), "globally-unique")
                .or(() -> NvSets.firstValue(conf.rscDefaults(), "globally-unique")).map(Booleans::isTrue)
                .orElse(false);
        if (!set || c.child() == null) {
            return set;
        }
        return org.vigil.cib.Resources.primitives(List.of(c.child())).stream()
                .noneMatch(p -> List.of("lsb", "systemd", "service", "upstart", "stonith").contains(p.resourceClass()));
    }

    private static void cloneLines(Configuration conf, Clone c, OperationHistory h, List<NodeView> nodes,
            String indent, List<String> out) {
        Resource child = c.child();
        String childId = child == null ? "?" : child.id();
        List<String> flags = new ArrayList<>();
        if (c.promotable()) {
            flags.add("promotable");
        }
        if (unique(conf, c)) {
            flags.add("unique");
        }
        String extra = flags(conf, c.id(), c.metaAttributes()).trim();
        for (String f : extra.isEmpty() ? new String[0] : extra.split(" ")) {
            flags.add(f.replace("(", "").replace(")", ""));
        }
        out.add(indent + "* Clone Set: " + c.id() + " [" + childId + "]"
                + (flags.isEmpty() ? "" : " (" + String.join(", ", flags) + ")") + ":");
        if (child == null) {
            return;
        }
        List<String> prims = child instanceof Group g ? g.children().stream().map(Resource::id).toList()
                : List.of(child.id());
        Map<String, List<String>> byRole = new java.util.LinkedHashMap<>();
        for (String role : List.of("Promoted", "Unpromoted", "Started", "FAILED", "Stopped")) {
            byRole.put(role, new ArrayList<>());
        }
        for (NodeView n : nodes) {
            List<OperationHistory.Role> roles = prims.stream().map(id -> h.role(id, n.name())).toList();
            String role;
            if (roles.contains(OperationHistory.Role.FAILED)) {
                role = "FAILED";
            } else if (roles.stream().allMatch(r -> r == OperationHistory.Role.STOPPED)) {
                role = "Stopped";
            } else if (roles.contains(OperationHistory.Role.PROMOTED)) {
                role = "Promoted";
            } else {
                role = c.promotable() ? "Unpromoted" : "Started";
            }
            byRole.get(role).add(n.name());
        }
        byRole.forEach((role, list) -> {
            if (!list.isEmpty()) {
                out.add(indent + "  * " + role + ": [ " + String.join(" ", list) + " ]");
            }
        });
        if (nodes.isEmpty()) {
            out.add(indent + "  * Stopped: (no nodes known)");
        }
    }
}
