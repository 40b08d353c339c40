package org.vigil.scheduler.constraint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.vigil.cib.LocationConstraint;
import org.vigil.cib.ResourceSet;
import org.vigil.cib.Rule;
import org.vigil.cib.Score;
import org.vigil.rules.RuleContext;
import org.vigil.rules.Rules;
import org.vigil.scheduler.Role;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.node.SchedNode;
import org.vigil.scheduler.resource.Rsc;

/** rsc_location: unpacked into {@link LocationRule}s (node or rules, per role), applied as node scores. */
final class LocationConstraints {
    private LocationConstraints() {}

    static void unpack(WorkingSet ws, LocationConstraint l) {
        List<Rsc> targets = new ArrayList<>();
        if (l.rsc() != null) {
            targets.addAll(ResourceReferences.expand(ws, l.rsc()));
        } else if (l.rscPattern() != null) {
            try {
                Pattern p = Pattern.compile(l.rscPattern());
                for (Rsc r : ws.byId.values()) {
                    if (r.parent == null && p.matcher(r.id).find()) {
                        targets.add(r);
                    }
                }
            } catch (PatternSyntaxException e) {
                ws.warn("rsc_location " + l.id() + ": invalid rsc-pattern");
            }
        }
        for (ResourceSet set : l.sets()) {
            for (String id : set.resources()) {
                targets.addAll(ResourceReferences.expand(ws, id));
            }
        }
        for (Rsc r : targets) {
            Role role = Role.parse(l.role());
            if (l.node() != null) {
                SchedNode n = ws.node(l.node());
                if (n == null) {
                    continue;
                }
                Map<SchedNode, Integer> scores = new LinkedHashMap<>();
                scores.put(n, Score.parseOr(l.score(), 0));
                addLocation(ws, new LocationRule(l.id(), r, role, scores, l.resourceDiscovery()));
            }
            for (Rule rule : l.rules()) {
                Role ruleRole = rule.role() != null ? Role.parse(rule.role()) : role;
                Map<SchedNode, Integer> scores = new LinkedHashMap<>();
                for (SchedNode n : ws.nodes) {
                    RuleContext ctx = ws.rules(n.attributes);
                    if (Rules.matches(rule, ctx)) {
                        scores.put(n, Rules.score(rule, n.attributes));
                    }
                }
                addLocation(ws, new LocationRule(l.id(), r, ruleRole, scores, l.resourceDiscovery()));
            }
        }
    }

    /** A location, and for a role, the same location on what carries the role (a bundle's clone). */
    private static void addLocation(WorkingSet ws, LocationRule l) {
        ws.locations.add(l);
        Rsc roleHolder = l.rsc().colocatedAs(l.role());
        if (roleHolder != l.rsc()) {
            ws.locations.add(new LocationRule(l.id(), roleHolder, l.role(), l.scores(), l.discovery()));
        }
    }

    /**
     * Adds each location's node scores to its resource; a location for the promoted role counts among the
     * promotion scores instead ({@code PromotionRoles}).
     */
    static void apply(WorkingSet ws) {
        for (LocationRule l : ws.locations) {
            if (l.role() == Role.PROMOTED) {
                continue;
            }
            for (Map.Entry<SchedNode, Integer> e : l.scores().entrySet()) {
                l.rsc().addLocation(ws, e.getKey(), e.getValue(), "location constraint " + l.id());
            }
        }
    }
}
