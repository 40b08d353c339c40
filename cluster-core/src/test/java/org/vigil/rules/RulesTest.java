package org.vigil.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.cib.DateExpression;
import org.vigil.cib.Expression;
import org.vigil.cib.Rule;
import org.vigil.cib.RuleCondition;

class RulesTest {
    private static final Instant NOON = Instant.parse("2019-09-23T12:00:00Z");

    private static Rule rule(String op, RuleCondition... conditions) {
        return new Rule("r", null, "100", null, null, op, Map.of(), List.of(conditions));
    }

    private static Expression expr(String attr, String op, String value, String type) {
        return new Expression("e", attr, op, value, type, Map.of());
    }

    @Test
    void integerAttributesCompareNumerically() {
        RuleContext ctx = RuleContext.forNode(Map.of("cpus", "10"), NOON);
        assertTrue(Rules.matches(rule(null, expr("cpus", "gt", "9", "integer")), ctx));
        assertFalse(Rules.matches(rule(null, expr("cpus", "lt", "9", "integer")), ctx));
    }

    @Test
    void definedAndNotDefinedLookAtPresenceOnly() {
        RuleContext ctx = RuleContext.forNode(Map.of("#uname", "node1"), NOON);
        assertTrue(Rules.matches(rule(null, expr("#uname", "defined", null, null)), ctx));
        assertTrue(Rules.matches(rule(null, expr("pingd", "not_defined", null, null)), ctx));
    }

    @Test
    void orRuleMatchesWhenAnyConditionMatches() {
        RuleContext ctx = RuleContext.forNode(Map.of("#uname", "node2"), NOON);
        Rule r = rule("or", expr("#uname", "eq", "node1", null), expr("#uname", "eq", "node2", null));
        assertTrue(Rules.matches(r, ctx));
        assertFalse(Rules.matches(rule("and", expr("#uname", "eq", "node1", null),
                expr("#uname", "eq", "node2", null)), ctx));
    }

    @Test
    void dateRangesAreJudgedAgainstTheInjectedInstant() {
        DateExpression lunch = new DateExpression("d", "in_range", "2019-09-23 11:00:00 -05:00",
                "2019-09-23 13:00:00 -05:00", Map.of(), null, null);
        assertFalse(DateRules.matches(lunch, NOON));
        assertTrue(DateRules.matches(lunch, Instant.parse("2019-09-23T17:00:00Z")));
    }

    @Test
    void dateRangeNamesTheInstantItsAnswerChanges() {
        DateExpression lunch = new DateExpression("d", "in_range", "2019-09-23 11:00:00 -05:00",
                "2019-09-23 13:00:00 -05:00", Map.of(), null, null);
        assertEquals(java.util.Optional.of(Instant.parse("2019-09-23T16:00:00Z")), DateRules.nextChange(lunch, NOON));
        assertEquals(java.util.Optional.of(Instant.parse("2019-09-23T18:00:01Z")),
                DateRules.nextChange(lunch, Instant.parse("2019-09-23T17:00:00Z")));
        assertEquals(java.util.Optional.empty(), DateRules.nextChange(lunch, Instant.parse("2019-09-24T00:00:00Z")));
        List<Instant> seen = new java.util.ArrayList<>();
        Rules.matches(rule(null, lunch), RuleContext.at(NOON).watchingDates(seen::add));
        assertEquals(List.of(Instant.parse("2019-09-23T16:00:00Z")), seen);
    }

    @Test
    void durationsAcceptPacemakerSpellings() {
        assertTrue(Durations.parseIntervalMs("10s") == 10_000);
        assertTrue(Durations.parseIntervalMs("2min") == 120_000);
        assertTrue(Durations.parseIntervalMs("PT1H") == 3_600_000);
        assertTrue(Durations.parseIntervalMs("15") == 15_000);
    }
}
