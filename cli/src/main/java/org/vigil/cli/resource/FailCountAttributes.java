package org.vigil.cli.resource;

import java.util.ArrayList;
import java.util.List;
import org.vigil.cib.Cib;
import org.vigil.cib.NodeState;
import org.vigil.cib.NvPair;
import org.vigil.cib.NvSet;
import org.vigil.cib.Status;
import org.vigil.cib.TransientAttributes;
import org.vigil.cli.CliException;

/** Writes one transient (status) attribute of a node, as {@code crm_attribute -t status} does. */
final class FailCountAttributes {
    private FailCountAttributes() {}

    static Cib set(Cib cib, String node, String name, String value) {
        List<NodeState> states = new ArrayList<>();
        boolean found = false;
        for (NodeState s : cib.status().nodeStates()) {
            String n = s.uname() != null ? s.uname() : s.id();
            if (!node.equals(n)) {
                states.add(s);
                continue;
            }
            found = true;
            TransientAttributes ta = s.transientAttributes() == null
                    ? new TransientAttributes(s.id(), List.of()) : s.transientAttributes();
            List<NvSet> sets = new ArrayList<>(ta.sets());
            if (sets.isEmpty()) {
                sets.add(new NvSet("status-" + s.id(), null, null, null, List.of()));
            }
            NvSet first = sets.get(0);
            List<NvPair> pairs = new ArrayList<>(first.pairs());
            pairs.removeIf(p -> name.equals(p.name()));
            pairs.add(new NvPair(first.id() + "-" + name, null, name, value));
            sets.set(0, new NvSet(first.id(), first.idRef(), first.score(), first.rule(), pairs));
            states.add(s.withTransientAttributes(new TransientAttributes(ta.id(), sets)));
        }
        if (!found) {
            throw new CliException("node " + node + " has no status entry yet; nothing to set");
        }
        return cib.withStatus(new Status(states, cib.status().extras()));
    }
}
