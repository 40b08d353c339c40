package org.vigil.cli.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded corpus of configuration changes: valid {@code crm configure} statements and XML objects, and
 * mutations of them (bad ids, control characters, dangling references, bad enumerations, unknown attributes and
 * elements, duplicates, bad intervals and scores). Each input is the argument list of one {@code crm} command,
 * plus standard input for {@code load update -}.
 */
final class FuzzCorpus {
    record Input(String category, List<String> args, String stdin) {
        String show() {
            String s = String.join(" ", args) + (stdin == null ? "" : " <<< " + stdin.strip());
            StringBuilder b = new StringBuilder();
            s.codePoints().forEach(cp -> b.append(cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)
                    ? String.format("\\x%02x", cp) : new String(Character.toChars(cp))));
            return "[" + category + "] " + b;
        }
    }

    /** The base CIB's statements: every input is applied to the result. */
    static final List<String> BASE = List.of(
            "property stonith-enabled=false",
            "node node1",
            "node node2",
            "primitive vm01 ocf:heartbeat:Dummy op monitor interval=10s timeout=20s",
            "primitive db ocf:heartbeat:Dummy",
            "primitive web ocf:heartbeat:Dummy",
            "primitive p1 ocf:heartbeat:Dummy",
            "primitive p2 ocf:heartbeat:Dummy",
            "primitive m1 ocf:heartbeat:Dummy",
            "primitive m2 ocf:heartbeat:Dummy",
            "group grp m1 m2",
            "primitive c0 ocf:heartbeat:Dummy",
            "clone cl c0",
            "primitive s0 ocf:pacemaker:Stateful op monitor interval=11s role=Promoted op monitor interval=12s"
                    + " role=Unpromoted",
            "clone ms s0 meta promotable=true",
            "location l-base vm01 100: node1",
            "colocation c-base inf: web db",
            "order o-base Mandatory: db web");

    private static final String[] RSC = {"vm01", "db", "web", "p1", "p2", "grp", "cl", "ms"};
    private static final String[] BAD_RSC = {"nosuchrsc", "vm02", "VM01", "m3", "tk"};
    private static final String[] BAD_ID = {"a<b c", "1abc", "a:b", "a b", "a\"b", "a&b", "-ab", ".ab", "a\u0001b",
        "ab/c", "a,b", "a'b", "a>b", "a\u001bb", "a\u007fb", "a\tb", "9"};
    private static final String[] SCORE = {"inf", "-inf", "100", "-50", "INFINITY", "+INFINITY", "0", "-INFINITY"};
    private static final String[] BAD_SCORE = {"lots", "1.5x", "10x", "inf!", "+", "infinite", "1e3"};
    private static final String[] ROLE = {"Started", "Stopped", "Promoted", "Unpromoted", "Master", "Slave"};
    private static final String[] BAD_ROLE = {"Boss", "Running", "Primary", "Up", "Promoted<"};
    private static final String[] KIND = {"Mandatory", "Optional", "Serialize"};
    private static final String[] BAD_KIND = {"Whatever", "Required", "Strict", "Optional\u0002"};
    private static final String[] BOOL = {"true", "false", "yes", "no", "1", "0"};
    private static final String[] BAD_BOOL = {"maybe", "2", "false<", "tru", "on-ish"};
    private static final String[] INTERVAL = {"10s", "0", "30", "1min", "PT1M", "5m", "2h", "500ms"};
    private static final String[] BAD_INTERVAL = {"10q", "-5s", "ten", "10s\u001b", "1.5s", "P", "s10"};
    private static final String[] VALUE = {"text", "a-b", "x=y", "\u00fcn\u00efcode", "/var/lib/x", "a b c", "42"};
    private static final String[] BAD_VALUE = {"a\u0001b", "x\u0000y", "\u001b[31mred", "a\tb", "line\nbreak",
        "a\rb", "del\u007f", "c1\u0085"};
    private static final String[] ON_FAIL = {"restart", "stop", "ignore", "block", "fence", "standby"};
    private static final String[] LOSS = {"stop", "demote", "fence", "freeze"};
    private static final String[] DISCOVERY = {"always", "never", "exclusive"};
    private static final String[] DATE = {"2020-01-01", "2030-12-31T10:00:00Z", "2021-06-15 08:30:00"};
    private static final String[] BAD_DATE = {"yesterday", "2020-13-45x", "01/02/2020", "2020-01-01\u0003"};
    private static final String[][] PROPERTY = {
        {"maintenance-mode", "BOOL"}, {"symmetric-cluster", "BOOL"}, {"no-quorum-policy", "stop|freeze|ignore|demote"},
        {"cluster-recheck-interval", "TIME"}, {"migration-limit", "INT"}, {"placement-strategy",
            "default|utilization|minimal|balanced"}, {"start-failure-is-fatal", "BOOL"},
        {"stop-orphan-resources", "BOOL"}};
    private static final String[][] META = {
        {"target-role", "ROLE"}, {"is-managed", "BOOL"}, {"resource-stickiness", "SCORE"},
        {"migration-threshold", "SCORE"}, {"failure-timeout", "TIME"}, {"allow-migrate", "BOOL"},
        {"multiple-active", "block|stop_only|stop_start"}, {"requires", "nothing|quorum|fencing"},
        {"priority", "SCORE"}};
    private static final String[] AGENTS = {"ocf:heartbeat:Dummy", "ocf:pacemaker:Stateful", "ocf:heartbeat:IPaddr2",
        "ocf:heartbeat:NoSuchAgent", "stonith:fence_dummy", "systemd:sshd"};

    private final Random random;
    private int serial;
    private boolean bad;

    FuzzCorpus(long seed) {
        this.random = new Random(seed);
    }

    List<Input> generate(int n) {
        List<Input> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            serial = i;
            bad = random.nextInt(100) < 60;
            out.add(one());
        }
        return out;
    }

    private String pick(String[] good, String[] wrong) {
        return bad && wrong != null && random.nextInt(3) == 0 ? wrong[random.nextInt(wrong.length)]
                : good[random.nextInt(good.length)];
    }

    private String id() {
        return pick(new String[] {"f" + serial, "x" + serial + "_a", "New." + serial, "k-" + serial}, BAD_ID);
    }

    private String rsc() {
        return pick(RSC, BAD_RSC);
    }

    private String typed(String type) {
        return switch (type) {
            case "BOOL" -> pick(BOOL, BAD_BOOL);
            case "ROLE" -> pick(ROLE, BAD_ROLE);
            case "SCORE" -> pick(SCORE, BAD_SCORE);
            case "TIME" -> pick(INTERVAL, BAD_INTERVAL);
            case "INT" -> pick(new String[] {"2", "0", "10"}, new String[] {"x", "two", "1.5.2"});
            default -> pick(type.split("\\|"), new String[] {"bogus", "Stop", "maybe"});
        };
    }

    private static List<String> crm(String... words) {
        List<String> l = new ArrayList<>(List.of("configure"));
        l.addAll(List.of(words));
        return l;
    }

    private Input one() {
        int t = random.nextInt(16);
        return switch (t) {
            case 0 -> primitive();
            case 1 -> new Input("location", crm("location", id(), rsc(), pick(SCORE, BAD_SCORE) + ":",
                    pick(new String[] {"node1", "node2"}, null)), null);
            case 2 -> location();
            case 3 -> colocation();
            case 4 -> order();
            case 5 -> ticket();
            case 6 -> property();
            case 7 -> meta();
            case 8 -> new Input("group", crm("group", id(), pick(new String[] {"p1", "p2"}, BAD_RSC),
                    pick(new String[] {"p2", "web", "db"}, new String[] {"p1", "nosuchrsc", "cl"})), null);
            case 9 -> new Input("clone", crm("clone", id(), pick(new String[] {"p1", "p2", "web"},
                    new String[] {"cl", "nosuchrsc", "m1"}), "meta", "interleave=" + pick(BOOL, BAD_BOOL)), null);
            case 10, 11 -> xml();
            case 12 -> dateRule();
            case 13 -> load();
            case 14 -> new Input("tag", crm("tag", id() + ":", rsc(), rsc()), null);
            default -> new Input("node", crm("node", pick(new String[] {"node3", "node1"}, new String[] {"n\u0001",
                    "a b"}), "attributes", pick(new String[] {"rack", "zone"}, new String[] {"r<", "1x"}) + "="
                    + pick(VALUE, BAD_VALUE)), null);
        };
    }

    private Input primitive() {
        List<String> a = crm("primitive", id(), pick(AGENTS, new String[] {"ocf:heartbeat", "xyz:a:b",
            "ocf::Dummy", "lsb:nosuch"}), "params", pick(new String[] {"state", "config", "ip"}, new String[] {
                "st ate", "a<b"}) + "=" + pick(VALUE, BAD_VALUE));
        a.addAll(List.of("op", pick(new String[] {"monitor", "start", "stop"}, new String[] {"monitor\"", "mon itor",
            "m\u0001"}), "interval=" + pick(INTERVAL, BAD_INTERVAL), "timeout=" + pick(new String[] {"20s", "60"},
                new String[] {"bad"})));
        if (random.nextBoolean()) {
            a.add("on-fail=" + pick(ON_FAIL, new String[] {"explode", "Restart"}));
        }
        if (random.nextInt(4) == 0) {
            a.add("role=" + pick(ROLE, BAD_ROLE));
        }
        if (random.nextInt(4) == 0) {
            a.addAll(List.of("op", "monitor", "interval=" + pick(new String[] {"20s", "31s"}, new String[] {"10s",
                "10000ms"})));
        }
        if (random.nextBoolean()) {
            String[] m = META[random.nextInt(META.length)];
            a.addAll(List.of("meta", m[0] + "=" + typed(m[1])));
        }
        return new Input("primitive", a, null);
    }

    private Input location() {
        List<String> a = crm("location", id(), rsc(), "rule");
        if (random.nextBoolean()) {
            a.add("role=" + pick(ROLE, BAD_ROLE));
        }
        a.addAll(List.of(pick(SCORE, BAD_SCORE) + ":", pick(new String[] {"#uname", "rack"}, null),
                pick(new String[] {"eq", "ne", "gt"}, null), pick(VALUE, BAD_VALUE)));
        if (random.nextInt(3) == 0) {
            a.add("resource-discovery=" + pick(DISCOVERY, new String[] {"sometimes"}));
        }
        return new Input("location-rule", a, null);
    }

    private Input colocation() {
        List<String> a = crm("colocation", id(), pick(SCORE, BAD_SCORE) + ":", rsc(), rsc());
        if (random.nextInt(3) == 0) {
            a.add(rsc());
        }
        if (bad && random.nextInt(3) == 0) {
            a.add(pick(new String[] {"kind=Whatever", "foo=bar", "symmetrical=true"}, null));
        }
        return new Input("colocation", a, null);
    }

    private Input order() {
        List<String> a = crm("order", id(), pick(KIND, BAD_KIND) + ":");
        String[] actions = {"start", "stop", "promote", "demote"};
        int n = 2 + random.nextInt(2);
        List<String> used = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String r = bad && i == n - 1 && random.nextInt(3) == 0 && !used.isEmpty() ? used.get(0) : rsc();
            used.add(r);
            a.add(r + (random.nextBoolean() ? ":" + pick(actions, new String[] {"begin", "Start"}) : ""));
        }
        if (random.nextInt(3) == 0) {
            a.add("symmetrical=" + pick(BOOL, BAD_BOOL));
        }
        return new Input("order", a, null);
    }

    private Input ticket() {
        List<String> a = crm("rsc_ticket", id(), pick(new String[] {"ticketA", "t2"}, new String[] {"t\u0001"}) + ":",
                rsc());
        if (random.nextBoolean()) {
            a.add("loss-policy=" + pick(LOSS, new String[] {"panic", "Stop", "ignore"}));
        }
        return new Input("rsc_ticket", a, null);
    }

    private Input property() {
        String[] p = PROPERTY[random.nextInt(PROPERTY.length)];
        return new Input("property", crm("property", p[0] + "=" + typed(p[1])), null);
    }

    private Input meta() {
        String[] m = META[random.nextInt(META.length)];
        if (random.nextBoolean()) {
            return new Input("rsc_defaults", crm("rsc_defaults", m[0] + "=" + typed(m[1])), null);
        }
        return new Input("op_defaults", crm("op_defaults", pick(new String[] {"timeout", "interval"}, null) + "="
                + typed("TIME")), null);
    }

    private Input dateRule() {
        List<String> a = crm("location", id(), rsc(), "rule", pick(SCORE, null) + ":", "date");
        switch (random.nextInt(4)) {
            case 0 -> a.addAll(List.of("gt", pick(DATE, BAD_DATE)));
            case 1 -> a.addAll(List.of("lt", pick(DATE, BAD_DATE)));
            case 2 -> {
                a.addAll(List.of("in", "start=" + pick(DATE, BAD_DATE)));
                a.add(pick(new String[] {"end=2040-01-01", "hours=2", "days=1", "months=3"}, new String[] {
                    "requires=nothing", "hours=two", "weekday=1", "hours=1\u0001"}));
            }
            default -> a.addAll(List.of("spec", pick(new String[] {"hours=9-16", "weekdays=1-5", "monthdays=1"},
                    new String[] {"hours=9..16", "bogus=1", "weekdays=mon"})));
        }
        return new Input("date", a, null);
    }

    private Input load() {
        String text = switch (random.nextInt(3)) {
            case 0 -> "primitive " + id() + " ocf:heartbeat:Dummy params state=\"" + pick(VALUE, BAD_VALUE) + "\"\n";
            case 1 -> "colocation " + id() + " " + pick(SCORE, BAD_SCORE) + ": " + rsc() + " " + rsc() + "\n";
            default -> "property " + PROPERTY[0][0] + "=" + typed("BOOL") + "\n";
        };
        return new Input("load", List.of("configure", "load", "update", "-"), text);
    }

    private String attr(String name, String value) {
        return " " + name + "=\"" + value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;") + "\"";
    }

    private Input xml() {
        String x = switch (random.nextInt(10)) {
            case 0 -> "<primitive" + attr("id", id()) + " class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\""
                    + (bad && random.nextBoolean() ? attr(pick(new String[] {"foo", "kind", "score"}, null), "1") : "")
                    + "/>";
            case 1 -> bad ? pick(new String[] {"<bogus id=\"x" + serial + "\"/>", "<status/>",
                "<primitive class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>", "<rsc_location rsc=\"db\"/>"}, null)
                    : "<rsc_location" + attr("id", id()) + attr("rsc", rsc()) + " node=\"node2\" score=\"10\"/>";
            case 2 -> "<rsc_ticket" + attr("id", id()) + attr("ticket", "tk") + attr("rsc", rsc())
                    + attr("loss-policy", pick(LOSS, new String[] {"panic"})) + "/>";
            case 3 -> "<rsc_order" + attr("id", id()) + attr("kind", pick(KIND, BAD_KIND)) + "><resource_set"
                    + attr("id", "rs" + serial) + attr("sequential", pick(BOOL, BAD_BOOL)) + "><resource_ref"
                    + attr("id", rsc()) + "/><resource_ref" + attr("id", pick(new String[] {"web", "p1"},
                            new String[] {"vm01", "nosuchrsc"})) + "/></resource_set></rsc_order>";
            case 4 -> "<primitive" + attr("id", id()) + " class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
                    + "<operations><op" + attr("id", "op" + serial) + attr("name", "monitor")
                    + attr("interval", pick(INTERVAL, BAD_INTERVAL)) + attr("on-fail", pick(ON_FAIL,
                            new String[] {"explode"})) + (bad && random.nextBoolean() ? "><gadget/></op>" : "/>")
                    + "</operations></primitive>";
            case 5 -> "<rsc_colocation" + attr("id", id()) + attr("rsc", rsc()) + attr("with-rsc", rsc())
                    + attr("score", pick(SCORE, BAD_SCORE)) + attr("rsc-role", pick(ROLE, BAD_ROLE)) + "/>";
            case 6 -> "<tags><tag" + attr("id", id()) + "><obj_ref" + attr("id", rsc()) + "/></tag></tags>";
            case 7 -> "<fencing-topology><fencing-level" + attr("id", id()) + " target=\"node1\""
                    + attr("index", pick(new String[] {"1", "2"}, new String[] {"0", "-1", "one"}))
                    + attr("devices", pick(new String[] {"fd1", "fd1,fd2"}, new String[] {"fd 1", "fd;2"}))
                    + "/></fencing-topology>";
            case 8 -> "<cluster_property_set" + attr("id", id()) + "><nvpair" + attr("id", "nv" + serial)
                    + attr("name", "maintenance-mode") + attr("value", pick(BOOL, BAD_BOOL)) + "/></cluster_property_set>";
            default -> "<primitive" + attr("id", id()) + " class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
                    + "<meta_attributes" + attr("id", "ma" + serial) + "><nvpair" + attr("id", "mn" + serial)
                    + attr("name", "target-role") + attr("value", pick(ROLE, BAD_ROLE)) + "/></meta_attributes>"
                    + (bad && random.nextBoolean() ? "<instance_attributes id-ref=\"nosuch\"/>" : "")
                    + "</primitive>";
        };
        return new Input("xml", crm("xml", x), null);
    }
}
