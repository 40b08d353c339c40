package org.vigil.cts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vigil.cib.Booleans;
import org.vigil.cib.Configuration;
import org.vigil.cib.NvSets;
import org.vigil.cib.Primitive;

/**
 * What the operator's commits promise: every acknowledged one (crm exit 0) must be in every node's configuration
 * from then on, until a later acknowledged commit changes the same object; a refused one must not appear. A commit
 * whose outcome is unknown (crm timed out) promises nothing about its object.
 */
final class CommitLedger {
    /** One promise about one object of the configuration. */
    sealed interface Promise {
        boolean keptBy(Configuration c);
    }

    /** Primitive {@code id} exists with instance attribute {@code fake} = {@code fake}. */
    record Present(String id, String fake) implements Promise {
        @Override
        public boolean keptBy(Configuration c) {
            return c.resource(id).filter(r -> r instanceof Primitive).map(r -> (Primitive) r)
                    .map(p -> fake.equals(NvSets.firstValue(p.instanceAttributes(), "fake").orElse(null)))
                    .orElse(false);
        }

        @Override
        public String toString() {
            return "primitive " + id + " with fake=" + fake;
        }
    }

    /** Resource {@code id} does not exist. */
    record Absent(String id) implements Promise {
        @Override
        public boolean keptBy(Configuration c) {
            return c.resource(id).isEmpty();
        }

        @Override
        public String toString() {
            return "no resource " + id;
        }
    }

    /** Node {@code node}'s permanent standby attribute is on (or not). */
    record Standby(String node, boolean on) implements Promise {
        @Override
        public boolean keptBy(Configuration c) {
            boolean is = c.node(node).flatMap(n -> NvSets.firstValue(n.instanceAttributes(), "standby"))
                    .map(Booleans::isTrue).orElse(false);
            return is == on;
        }

        @Override
        public String toString() {
            return node + (on ? " in standby" : " online");
        }
    }

    private final Map<String, Promise> promises = new LinkedHashMap<>();
    private final Map<String, String> why = new LinkedHashMap<>();
    private int acknowledged;

    /** A commit crm acknowledged: its promise replaces what was promised about the same object. */
    void acknowledged(String object, Promise p, String command) {
        promises.put(object, p);
        why.put(object, "acknowledged: " + command);
        acknowledged++;
    }

    /** A commit crm refused: what was promised before still stands; a refused creation must stay absent. */
    void refused(String object, Optional<Promise> stillTrue, String command) {
        stillTrue.ifPresent(p -> {
            promises.put(object, p);
            why.put(object, "refused: " + command);
        });
    }

    /** A commit whose outcome is unknown: nothing can be promised about its object any more. */
    void unknown(String object) {
        promises.remove(object);
        why.remove(object);
    }

    Optional<Promise> promise(String object) {
        return Optional.ofNullable(promises.get(object));
    }

    int acknowledgedCount() {
        return acknowledged;
    }

    /** The promises this configuration breaks, one line each. */
    List<String> broken(Configuration c) {
        List<String> out = new ArrayList<>();
        promises.forEach((object, p) -> {
            if (!p.keptBy(c)) {
                out.add(p + " (" + why.get(object) + ")");
            }
        });
        return out;
    }
}
