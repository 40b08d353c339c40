package org.vigil.capacity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.scheduler.ClusterView;

/**
 * Where the scheduler says the resources end up once its transition has run (its revised view), as the units
 * a capacity proof counts: primitives outside clones one by one, each clone member as a number of instances.
 * Unmanaged primitives are left out: the cluster would neither stop nor recover them.
 *
 * @param singles primitives outside clones, by id
 * @param clones  clone members by {@code clone/member} key
 */
record Settled(Map<String, Single> singles, Map<String, CloneMember> clones) {

    /** A primitive outside any clone. {@code group} is null when it is not in a group. */
    record Single(String id, String group, String role, List<String> nodes) {
        boolean active() {
            return !nodes.isEmpty() && !"Stopped".equals(role);
        }

        boolean promoted() {
            return active() && "Promoted".equals(role);
        }
    }

    /** One instance of a cloned primitive. */
    record Instance(String id, String role, List<String> nodes) {
        boolean active() {
            return !nodes.isEmpty() && !"Stopped".equals(role);
        }
    }

    /** A primitive inside a clone (directly or in a cloned group) with its instances. */
    record CloneMember(String cloneId, String member, boolean promotable, List<Instance> instances) {
        String label() {
            return cloneId.equals(member) ? cloneId : cloneId + " (" + member + ")";
        }

        long active() {
            return instances.stream().filter(Instance::active).count();
        }

        long promoted() {
            return instances.stream().filter(i -> i.active() && "Promoted".equals(i.role())).count();
        }
    }

    static Settled of(ClusterView view) {
        Map<String, Single> singles = new LinkedHashMap<>();
        Map<String, CloneMember> clones = new LinkedHashMap<>();
        for (ClusterView.ResourceView r : view.resources()) {
            walk(r, null, null, singles, clones);
        }
        return new Settled(singles, clones);
    }

    private static void walk(ClusterView.ResourceView r, String group, ClusterView.ResourceView clone,
            Map<String, Single> singles, Map<String, CloneMember> clones) {
        if ("primitive".equals(r.kind())) {
            if (!r.managed()) {
                return; // the cluster would not recover it: nothing it could lose
            }
            if (clone == null) {
                singles.put(r.id(), new Single(r.id(), group, r.role(), r.nodes()));
            } else {
                String member = baseId(r.id());
                clones.computeIfAbsent(clone.id() + "/" + member, k -> new CloneMember(clone.id(), member,
                        clone.promotable(), new ArrayList<>())).instances()
                        .add(new Instance(r.id(), r.role(), r.nodes()));
            }
            return;
        }
        boolean isClone = "clone".equals(r.kind());
        for (ClusterView.ResourceView c : r.children()) {
            walk(c, isClone ? group : r.id(), isClone ? r : clone, singles, clones);
        }
    }

    /** {@code drbd:1} is instance 1 of {@code drbd}. */
    static String baseId(String id) {
        return org.vigil.cib.ResourceInstance.baseOf(id);
    }
}
