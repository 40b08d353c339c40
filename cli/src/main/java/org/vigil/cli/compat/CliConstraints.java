package org.vigil.cli.compat;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.vigil.cib.Configuration;
import org.vigil.cib.Constraint;
import org.vigil.cib.DateExpression;
import org.vigil.cib.Expression;
import org.vigil.cib.LocationConstraint;
import org.vigil.cib.Rule;
import org.vigil.cib.RuleCondition;

/**
 * The {@code cli-prefer-RSC} and {@code cli-ban-RSC-on-NODE} location constraints Pacemaker 2.1.5's
 * crm_resource {@code --move}, {@code --ban} and {@code --clear} write and remove, with its ids, roles and
 * lifetime rules.
 */
final class CliConstraints {
    /** The {@code end} of a lifetime rule, as crm_resource writes it and prints it. */
    static final DateTimeFormatter END = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private CliConstraints() {}

    /** An ISO 8601 duration (PT1H, P1D, P1DT12H) added to {@code now}; empty when it is not one. */
    static Optional<Instant> expiry(Instant now, String lifetime) {
        String l = lifetime.trim().toUpperCase(Locale.ROOT);
        try {
            int t = l.indexOf('T');
            if (t < 0) {
                return Optional.of(now.atZone(ZoneOffset.UTC).plus(Period.parse(l)).toInstant());
            }
            Instant base = now;
            if (t > 1) {
                base = base.atZone(ZoneOffset.UTC).plus(Period.parse(l.substring(0, t))).toInstant();
            }
            return Optional.of(base.plus(Duration.parse("P" + l.substring(t))));
        } catch (DateTimeParseException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    static String preferId(String rsc) {
        return "cli-prefer-" + rsc;
    }

    static String banId(String rsc, String node) {
        return "cli-ban-" + rsc + "-on-" + node;
    }

    /** cli_resource_prefer: {@code cli-prefer-RSC}, INFINITY on {@code node} (until {@code until}). */
    static LocationConstraint prefer(String rsc, String node, Instant until, boolean promoted) {
        String id = preferId(rsc);
        return constraint(id, rsc, node, "INFINITY", until, promoted, "cli-prefer-rule-" + rsc,
                "cli-prefer-expr-" + rsc, "cli-prefer-lifetime-end-" + rsc);
    }

    /** cli_resource_ban: {@code cli-ban-RSC-on-NODE}, -INFINITY on {@code node} (until {@code until}). */
    static LocationConstraint ban(String rsc, String node, Instant until, boolean promoted) {
        String id = banId(rsc, node);
        return constraint(id, rsc, node, "-INFINITY", until, promoted, id + "-rule", id + "-expr", id + "-lifetime");
    }

    private static LocationConstraint constraint(String id, String rsc, String node, String score, Instant until,
            boolean promoted, String ruleId, String exprId, String endId) {
        String role = promoted ? "Promoted" : "Started";
        if (until == null) {
            return new LocationConstraint(id, rsc, null, node, score, role, null, Map.of(), List.of(), List.of());
        }
        List<RuleCondition> conds = List.of(new Expression(exprId, "#uname", "eq", node, "string", Map.of()),
                new DateExpression(endId, "lt", null, END.format(until), Map.of(), null, null));
        Rule rule = new Rule(ruleId, null, score, null, null, "and", Map.of(), conds);
        return new LocationConstraint(id, rsc, null, null, null, role, null, Map.of(), List.of(), List.of(rule));
    }

    /** {@code c} with {@code l} replacing the constraint of the same id, or appended. */
    static Configuration put(Configuration c, LocationConstraint l) {
        List<Constraint> out = new ArrayList<>();
        boolean replaced = false;
        for (Constraint k : c.constraints()) {
            if (k.id().equals(l.id())) {
                out.add(l);
                replaced = true;
            } else {
                out.add(k);
            }
        }
        if (!replaced) {
            out.add(l);
        }
        return c.withConstraints(out);
    }

    /**
     * cli_resource_clear for one node: its {@code cli-ban-RSC-on-HOST} (when {@code bans}) and a
     * {@code cli-prefer-RSC} for HOST (its node, or its lifetime rule's {@code #uname}; any, with force).
     */
    static Configuration clear(Configuration c, String rsc, String host, boolean bans, boolean force) {
        String ban = banId(rsc, host);
        String prefer = preferId(rsc);
        return c.withConstraints(c.constraints().stream().filter(k -> {
            if (!(k instanceof LocationConstraint l)) {
                return true;
            }
            if (bans && l.id().equals(ban)) {
                return false;
            }
            return !(l.id().equals(prefer) && (host.equals(l.node()) || ruleHost(l).equals(host)
                    || (force && l.rules().isEmpty())));
        }).toList());
    }

    private static String ruleHost(LocationConstraint l) {
        for (Rule r : l.rules()) {
            for (RuleCondition c : r.conditions()) {
                if (c instanceof Expression e && "#uname".equals(e.attribute()) && e.value() != null) {
                    return e.value();
                }
            }
        }
        return "";
    }

    /**
     * cli_resource_clear_all_expired: RSC's cli- constraints (only HOST's, when given) whose lifetime rule
     * ended before {@code now}.
     */
    static Configuration clearExpired(Configuration c, String rsc, String host, Instant now) {
        return c.withConstraints(c.constraints().stream().filter(k -> {
            if (!(k instanceof LocationConstraint l) || !rsc.equals(l.rsc())
                    || !(l.id().equals(preferId(rsc)) || l.id().startsWith("cli-ban-" + rsc + "-on-"))) {
                return true;
            }
            if (host != null && !host.equals(ruleHost(l))) {
                return true;
            }
            return !ended(l, now);
        }).toList());
    }

    private static boolean ended(LocationConstraint l, Instant now) {
        for (Rule r : l.rules()) {
            for (RuleCondition c : r.conditions()) {
                if (c instanceof DateExpression d && "lt".equals(d.operation()) && d.end() != null) {
                    try {
                        Instant end = java.time.LocalDateTime.parse(d.end().replace("Z", "").trim(),
                                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")).toInstant(ZoneOffset.UTC);
                        if (end.isBefore(now)) {
                            return true;
                        }
                    } catch (DateTimeParseException e) {
                        return false;
                    }
                }
            }
        }
        return false;
    }

    /** The ids of the cli- location constraints, sorted (build_constraint_list). */
    static List<String> cliIds(Configuration c) {
        return c.constraints().stream().filter(k -> k instanceof LocationConstraint && k.id().startsWith("cli-"))
                .map(Constraint::id).sorted().toList();
    }
}
