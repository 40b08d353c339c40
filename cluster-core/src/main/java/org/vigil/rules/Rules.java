package org.vigil.rules;

import java.util.Locale;
import java.util.Map;
import org.vigil.cib.DateExpression;
import org.vigil.cib.Expression;
import org.vigil.cib.OpaqueCondition;
import org.vigil.cib.Rule;
import org.vigil.cib.RuleCondition;
import org.vigil.cib.Score;
import org.vigil.cib.XmlElement;

/** Evaluates rules and their expressions the way Pacemaker's rule engine does. */
public final class Rules {
    private Rules() {}

    /** True when the rule holds in the given context. An empty rule is true (as in Pacemaker). */
    public static boolean matches(Rule rule, RuleContext ctx) {
        if (rule == null) {
            return true;
        }
        boolean or = rule.booleanOp() != null && rule.booleanOp().trim().equalsIgnoreCase("or");
        if (rule.conditions().isEmpty()) {
            return true;
        }
        for (RuleCondition c : rule.conditions()) {
            boolean v = matches(c, ctx);
            if (or && v) {
                return true;
            }
            if (!or && !v) {
                return false;
            }
        }
        return !or;
    }

    public static boolean matches(RuleCondition c, RuleContext ctx) {
        if (c instanceof Rule r) {
            return matches(r, ctx);
        }
        if (c instanceof Expression e) {
            return expression(e, ctx);
        }
        if (c instanceof DateExpression d) {
            return DateRules.evaluate(d, ctx.now(), ctx.dates());
        }
        if (c instanceof OpaqueCondition o) {
            return opaque(o.element(), ctx);
        }
        return false;
    }

    /** The rule's score for location rules: its score, or the node attribute named by score-attribute. */
    public static int score(Rule rule, Map<String, String> nodeAttributes) {
        if (rule.scoreAttribute() != null) {
            String v = nodeAttributes.get(rule.scoreAttribute());
            return v == null ? 0 : Score.parseOr(v, 0);
        }
        return Score.parseOr(rule.score(), 0);
    }

    private static boolean opaque(XmlElement e, RuleContext ctx) {
        switch (e.name()) {
            case "rsc_expression" -> {
                RuleContext.ResourceKind k = ctx.resource();
                if (k == null) {
                    return false;
                }
                return same(e.attribute("class"), k.resourceClass())
                        && same(e.attribute("provider"), k.provider())
                        && same(e.attribute("type"), k.type());
            }
            case "op_expression" -> {
                RuleContext.OperationKind op = ctx.operation();
                if (op == null) {
                    return false;
                }
                if (e.attribute("name") != null && !e.attribute("name").equals(op.name())) {
                    return false;
                }
                String interval = e.attribute("interval");
                return interval == null || Durations.parseIntervalMs(interval) == op.intervalMs();
            }
            default -> {
                return false;
            }
        }
    }

    private static boolean same(String wanted, String actual) {
        return wanted == null || wanted.equals(actual);
    }

    private static boolean expression(Expression e, RuleContext ctx) {
        String attr = e.attribute();
        String op = e.operation() == null ? "" : e.operation().trim().toLowerCase(Locale.ROOT);
        String actual = attr == null ? null : ctx.nodeAttributes().get(attr);
        if ("#role".equals(attr) && ctx.role() != null) {
            actual = ctx.role();
        }
        String expected = e.value();
        String source = e.otherAttributes().get("value-source");
        if (expected != null && source != null) {
            if (source.equals("param")) {
                expected = ctx.resourceParams().get(expected);
            } else if (source.equals("meta")) {
                expected = ctx.resourceMeta().get(expected);
            }
        }
        switch (op) {
            case "defined" -> {
                return actual != null;
            }
            case "not_defined" -> {
                return actual == null;
            }
            default -> { }
        }
        if (actual == null || expected == null) {
            // Pacemaker: "ne" with a missing attribute is true, everything else false
            return op.equals("ne") && (actual == null) != (expected == null);
        }
        int cmp = compare(actual, expected, e.type());
        return switch (op) {
            case "eq" -> cmp == 0;
            case "ne" -> cmp != 0;
            case "lt" -> cmp < 0;
            case "lte" -> cmp <= 0;
            case "gt" -> cmp > 0;
            case "gte" -> cmp >= 0;
            default -> false;
        };
    }

    private static int compare(String a, String b, String type) {
        String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            // no type: numbers compare as numbers when both sides are integers (Pacemaker's integer guess)
            t = isNumber(a) && isNumber(b) ? "number" : "string";
        }
        switch (t) {
            case "integer", "number" -> {
                try {
                    return Double.compare(Double.parseDouble(a.trim()), Double.parseDouble(b.trim()));
                } catch (NumberFormatException ex) {
                    return a.compareToIgnoreCase(b);
                }
            }
            case "version" -> {
                return compareVersions(a, b);
            }
            default -> {
                return a.compareToIgnoreCase(b);
            }
        }
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s.trim());
            return true;
        } catch (NumberFormatException ex) {
            return false;
        }
    }

    /** Compares dotted version strings numerically ("3.0.10" &gt; "3.0.9"). */
    public static int compareVersionStrings(String a, String b) {
        return compareVersions(a, b);
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long xi = i < x.length ? leadingNumber(x[i]) : 0;
            long yi = i < y.length ? leadingNumber(y[i]) : 0;
            if (xi != yi) {
                return Long.compare(xi, yi);
            }
        }
        return 0;
    }

    private static long leadingNumber(String s) {
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        return i == 0 ? 0 : Long.parseLong(s.substring(0, Math.min(i, 18)));
    }
}
