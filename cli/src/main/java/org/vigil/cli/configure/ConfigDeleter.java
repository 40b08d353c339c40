package org.vigil.cli.configure;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vigil.cib.Clone;
import org.vigil.cib.ColocationConstraint;
import org.vigil.cib.Configuration;
import org.vigil.cib.Constraint;
import org.vigil.cib.Group;
import org.vigil.cib.LocationConstraint;
import org.vigil.cib.NvSet;
import org.vigil.cib.OpaqueConstraint;
import org.vigil.cib.OrderConstraint;
import org.vigil.cib.Resource;
import org.vigil.cib.ResourceSet;
import org.vigil.cib.Resources;
import org.vigil.cib.XmlElement;
import org.vigil.cli.CliException;
import org.vigil.cli.Suggestions;

/**
 * Removes configuration objects by id. Deleting a group or clone keeps its members as top-level resources
 * (as in the configure language, where they are separate objects); deleting the last member of a container
 * removes the container. Constraints that would point at nothing are refused unless forced.
 */
public final class ConfigDeleter {
    record Result(Configuration configuration, List<String> messages) {}

    private ConfigDeleter() {}

    static Result delete(Configuration conf, List<String> ids, boolean force) {
        List<String> messages = new ArrayList<>();
        Configuration c = conf;
        Set<String> removedResources = new HashSet<>();
        for (String id : ids) {
            Optional<Resource> r = c.resource(id);
            if (r.isPresent()) {
                c = c.withResources(removeResource(c.resources(), id, messages));
                removedResources.add(id);
                continue;
            }
            if (c.constraint(id).isPresent()) {
                c = c.withConstraints(c.constraints().stream().filter(k -> !id.equals(k.id())).toList());
                continue;
            }
            if (c.node(id).isPresent() || c.nodes().stream().anyMatch(n -> id.equals(n.id()))) {
                c = c.withNodes(c.nodes().stream().filter(n -> !id.equals(n.uname()) && !id.equals(n.id())).toList());
                continue;
            }
            Configuration after = removeSet(c, id);
            if (after != null) {
                c = after;
                continue;
            }
            Configuration extra = removeExtra(c, id);
            if (extra != null) {
                c = extra;
                continue;
            }
            throw new CliException("object " + id + " does not exist" + Suggestions.hint(id, allIds(c)));
        }
        Set<String> remaining = new HashSet<>();
        Resources.flatten(c.resources()).forEach(x -> remaining.add(x.id()));
        List<String> dangling = new ArrayList<>();
        for (Constraint k : c.constraints()) {
            for (String ref : references(k)) {
                if (!remaining.contains(ref) && refersToDeleted(ref, removedResources, conf)) {
                    dangling.add(k.id() + " (refers to " + ref + ")");
                    break;
                }
            }
        }
        if (!dangling.isEmpty()) {
            if (!force) {
                throw new CliException("deleting would leave constraints pointing at nothing: "
                        + String.join(", ", dangling) + "; delete them too, or use --force to delete them with it");
            }
            Set<String> drop = new HashSet<>();
            dangling.forEach(d -> drop.add(d.substring(0, d.indexOf(' '))));
            c = c.withConstraints(c.constraints().stream().filter(k -> !drop.contains(k.id())).toList());
            messages.add("also deleted constraints " + String.join(", ", drop) + " (--force)");
        }
        return new Result(c, messages);
    }

    private static boolean refersToDeleted(String ref, Set<String> removed, Configuration before) {
        if (removed.contains(ref)) {
            return true;
        }
        for (String id : removed) {
            Optional<Resource> r = before.resource(id);
            if (r.isPresent() && Resources.flatten(List.of(r.get())).stream().anyMatch(x -> x.id().equals(ref))) {
                return true;
            }
        }
        return false;
    }

    public static List<String> references(Constraint k) {
        List<String> out = new ArrayList<>();
        List<ResourceSet> sets = List.of();
        if (k instanceof LocationConstraint l) {
            add(out, l.rsc());
            sets = l.sets();
        } else if (k instanceof ColocationConstraint c) {
            add(out, c.rsc());
            add(out, c.withRsc());
            sets = c.sets();
        } else if (k instanceof OrderConstraint o) {
            add(out, o.first());
            add(out, o.then());
            sets = o.sets();
        } else if (k instanceof OpaqueConstraint t) {
            add(out, t.element().attribute("rsc"));
        }
        sets.forEach(s -> out.addAll(s.resources()));
        return out;
    }

    private static void add(List<String> out, String s) {
        if (s != null) {
            out.add(s);
        }
    }

    private static List<Resource> removeResource(List<Resource> list, String id, List<String> messages) {
        List<Resource> out = new ArrayList<>();
        for (Resource r : list) {
            if (r.id().equals(id)) {
                if (r instanceof Group g) {
                    out.addAll(g.children());
                    if (!g.children().isEmpty()) {
                        messages.add("group " + id + " deleted; its members stay as resources of their own");
                    }
                } else if (r instanceof Clone c && c.child() != null) {
                    out.add(c.child());
                    messages.add("clone " + id + " deleted; " + c.child().id() + " stays as a resource of its own");
                }
                continue;
            }
            if (r instanceof Group g) {
                List<Resource> kids = removeResource(g.children(), id, messages);
                if (kids.isEmpty()) {
                    messages.add("group " + g.id() + " had no other member and was deleted too");
                    continue;
                }
                out.add(new Group(g.id(), g.otherAttributes(), g.instanceAttributes(), g.metaAttributes(), kids));
            } else if (r instanceof Clone c && c.child() != null) {
                List<Resource> kids = removeResource(List.of(c.child()), id, messages);
                if (kids.isEmpty()) {
                    messages.add("clone " + c.id() + " had nothing left to clone and was deleted too");
                    continue;
                }
                out.add(new Clone(c.id(), c.legacyMaster(), c.otherAttributes(), c.instanceAttributes(),
                        c.metaAttributes(), kids.get(0)));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    private static Configuration removeSet(Configuration c, String id) {
        if (c.clusterProperties().stream().anyMatch(s -> id.equals(s.id()))) {
            return c.withClusterProperties(without(c.clusterProperties(), id));
        }
        if (c.rscDefaults().stream().anyMatch(s -> id.equals(s.id()))) {
            return c.withRscDefaults(without(c.rscDefaults(), id));
        }
        if (c.opDefaults().stream().anyMatch(s -> id.equals(s.id()))) {
            return c.withOpDefaults(without(c.opDefaults(), id));
        }
        return null;
    }

    private static List<NvSet> without(List<NvSet> sets, String id) {
        return sets.stream().filter(s -> !id.equals(s.id())).toList();
    }

    private static Configuration removeExtra(Configuration c, String id) {
        List<XmlElement> out = new ArrayList<>();
        boolean found = false;
        for (XmlElement e : c.extras()) {
            if (id.equals(e.id()) || id.equals(e.name())) {
                found = true;
                continue;
            }
            // sections whose objects are defined one statement at a time: tags, alerts, ACL roles and targets
            if (e.name().equals("tags") || e.name().equals("alerts") || e.name().equals("acls")) {
                List<XmlElement> kids = e.children().stream().filter(t -> !id.equals(t.id())).toList();
                if (kids.size() != e.children().size()) {
                    found = true;
                    if (!kids.isEmpty()) {
                        out.add(e.withChildren(kids));
                    }
                    continue;
                }
            }
            out.add(e);
        }
        return found ? c.withExtras(out) : null;
    }

    static List<String> allIds(Configuration c) {
        List<String> out = new ArrayList<>();
        Resources.flatten(c.resources()).forEach(r -> out.add(r.id()));
        c.constraints().forEach(k -> out.add(k.id()));
        c.nodes().forEach(n -> out.add(n.uname()));
        return out;
    }
}
