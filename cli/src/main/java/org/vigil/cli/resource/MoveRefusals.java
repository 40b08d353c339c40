package org.vigil.cli.resource;

import org.vigil.cib.Clone;
import org.vigil.cib.Configuration;
import org.vigil.cib.Group;
import org.vigil.cib.Resource;
import org.vigil.cib.Resources;
import org.vigil.cli.CliException;

/**
 * Moves that cannot mean anything, refused with what to do instead (as Pacemaker's crm_resource and crmsh
 * refuse them): a clone or its instance runs on several nodes at once, a group member moves with its group.
 */
final class MoveRefusals {
    private MoveRefusals() {}

    static void check(Configuration conf, String rsc, boolean promoted) {
        for (Resource r : Resources.flatten(conf.resources())) {
            if (r instanceof Group g && g.children().stream().anyMatch(c -> c.id().equals(rsc))) {
                throw new CliException("cannot move " + rsc + " on its own: it is a member of group " + g.id()
                        + ", which moves as a whole; move the group: crm resource move " + g.id() + " NODE");
            }
            if (r instanceof Clone c && (c.id().equals(rsc) || contains(c.child(), rsc))) {
                if (promoted && c.promotable()) {
                    if (!c.id().equals(rsc)) {
                        throw new CliException(rsc + " is inside clone " + c.id() + "; move the promoted instance"
                                + " with: crm resource move " + c.id() + " NODE --promoted");
                    }
                    return;
                }
                String what = c.id().equals(rsc) ? "clone " + rsc : rsc + " (an instance of clone " + c.id() + ")";
                throw new CliException("cannot move " + what + ": clone instances run on several nodes at once;"
                        + " keep it off a node with 'crm resource ban " + c.id() + " NODE'"
                        + (c.promotable() ? " or move its promoted instance with 'crm resource move " + c.id()
                                + " NODE --promoted'" : ""));
            }
        }
        if (promoted) {
            throw new CliException("--promoted: " + rsc + " is not a promotable clone");
        }
    }

    private static boolean contains(Resource r, String id) {
        return Resources.flatten(java.util.List.of(r)).stream().anyMatch(x -> x.id().equals(id));
    }
}
