package org.vigil.cts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.vigil.cib.Booleans;
import org.vigil.cib.Clone;
import org.vigil.cib.Configuration;
import org.vigil.cib.Group;
import org.vigil.cib.NvSet;
import org.vigil.cib.NvSets;
import org.vigil.cib.Primitive;
import org.vigil.cib.Resource;

/**
 * What the configuration says should run, restricted to the agents whose state files the suite reads:
 * single ocf:heartbeat:Dummy primitives (alone or in groups) and promotable ocf:pacemaker:Stateful clones.
 *
 * @param singles    Dummy primitives that must run on exactly one node, to whether they should run now
 * @param groups     group id to member ids (members run together, on one node)
 * @param promotable Stateful primitive id to its clone's promoted-max, for clones that should run
 * @param standby    nodes in standby (permanent attribute)
 */
record ResourceModel(Map<String, Boolean> singles, Map<String, List<String>> groups, Map<String, Integer> promotable,
        Set<String> standby) {
    ResourceModel {
        singles = Map.copyOf(singles);
        groups = Map.copyOf(groups);
        promotable = Map.copyOf(promotable);
        standby = Set.copyOf(standby);
    }

    static ResourceModel of(Configuration conf) {
        Map<String, Boolean> singles = new TreeMap<>();
        Map<String, List<String>> groups = new TreeMap<>();
        Map<String, Integer> promotable = new TreeMap<>();
        for (Resource r : conf.resources()) {
            if (r instanceof Primitive p && isDummy(p)) {
                singles.put(p.id(), !stopped(p.metaAttributes()));
            } else if (r instanceof Group g) {
                List<String> members = new ArrayList<>();
                for (Resource c : g.children()) {
                    if (c instanceof Primitive p && isDummy(p)) {
                        singles.put(p.id(), !stopped(g.metaAttributes()) && !stopped(p.metaAttributes()));
                        members.add(p.id());
                    }
                }
                groups.put(g.id(), members);
            } else if (r instanceof Clone c && c.promotable() && c.child() instanceof Primitive p
                    && "Stateful".equals(p.type()) && !stopped(c.metaAttributes()) && !stopped(p.metaAttributes())) {
                int max = NvSets.firstValue(c.metaAttributes(), "promoted-max")
                        .or(() -> NvSets.firstValue(c.metaAttributes(), "master-max"))
                        .map(ResourceModel::number).orElse(1);
                promotable.put(p.id(), max);
            }
        }
        Set<String> standby = new TreeSet<>();
        conf.nodes().forEach(n -> NvSets.firstValue(n.instanceAttributes(), "standby")
                .filter(Booleans::isTrue).ifPresent(v -> standby.add(n.uname())));
        return new ResourceModel(singles, groups, promotable, standby);
    }

    private static boolean isDummy(Primitive p) {
        return "ocf".equals(p.resourceClass()) && "heartbeat".equals(p.provider()) && "Dummy".equals(p.type());
    }

    private static boolean stopped(List<NvSet> meta) {
        return NvSets.firstValue(meta, "target-role").map(v -> v.equalsIgnoreCase("Stopped")).orElse(false);
    }

    private static int number(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    static boolean promoted(String role) {
        return role.equals("Promoted") || role.equals("Master");
    }
}
