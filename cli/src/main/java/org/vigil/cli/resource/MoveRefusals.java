package org.vigil.cli.resource;

import java.util.Optional;
import org.vigil.cib.Clone;
import org.vigil.cib.Configuration;
import org.vigil.cib.Group;
import org.vigil.cib.Resource;
import org.vigil.cib.Resources;
import org.vigil.cli.CliException;

/**
 * What a move means, as Pacemaker's crm_resource (which crmsh's move runs) decides it: a clone or a group
 * member may be moved to a named node (a clone's instances then prefer it; a member's preference moves its
 * whole group, as the scheduler places a group by all its members); a clone without a node cannot mean
 * anything (its instances run on several nodes at once) and is refused with what to do instead.
 */
final class MoveRefusals {
    private MoveRefusals() {}

    /** Refuses a move that cannot mean anything; otherwise what the operator should know about it. */
    static Optional<String> check(Configuration conf, String rsc, boolean promoted, String node) {
        for (Resource r : Resources.flatten(conf.resources())) {
            if (r instanceof Group g && g.children().stream().anyMatch(c -> c.id().equals(rsc))) {
                return Optional.of(rsc + " is a member of group " + g.id() + ": the whole group moves with it ("
                        + "'crm resource move " + g.id() + " NODE' says so directly)");
            }
            if (r instanceof Clone c && (c.id().equals(rsc) || contains(c.child(), rsc))) {
                if (promoted && c.promotable() && !c.id().equals(rsc)) {
                    throw new CliException(rsc + " is inside clone " + c.id() + "; move the promoted instance"
                            + " with: crm resource move " + c.id() + " NODE --promoted");
                }
                if (promoted && c.promotable()) {
                    return Optional.empty();
                }
                String what = c.id().equals(rsc) ? "clone " + rsc : rsc + " (an instance of clone " + c.id() + ")";
                if (node == null) {
                    throw new CliException("cannot move " + what + " without a node: clone instances run on"
                            + " several nodes at once; name the node its instances should prefer ('crm resource"
                            + " move " + rsc + " NODE') or keep it off one ('crm resource ban " + c.id() + " NODE')"
                            + (c.promotable() ? ", or move its promoted instance ('crm resource move " + c.id()
                                    + " NODE --promoted')" : ""));
                }
                return Optional.of("the instances of " + what + " prefer " + node + " (one runs there when it"
                        + " can); the others stay where they are");
            }
        }
        if (promoted) {
            throw new CliException("--promoted: " + rsc + " is not a promotable clone");
        }
        return Optional.empty();
    }

    private static boolean contains(Resource r, String id) {
        return Resources.flatten(java.util.List.of(r)).stream().anyMatch(x -> x.id().equals(id));
    }
}
