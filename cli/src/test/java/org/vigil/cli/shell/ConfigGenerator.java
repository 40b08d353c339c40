package org.vigil.cli.shell;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.vigil.cib.Clone;
import org.vigil.cib.ColocationConstraint;
import org.vigil.cib.Configuration;
import org.vigil.cib.Constraint;
import org.vigil.cib.DateExpression;
import org.vigil.cib.DateSpec;
import org.vigil.cib.Expression;
import org.vigil.cib.Group;
import org.vigil.cib.LocationConstraint;
import org.vigil.cib.Node;
import org.vigil.cib.NvPair;
import org.vigil.cib.NvSet;
import org.vigil.cib.Op;
import org.vigil.cib.Operations;
import org.vigil.cib.OrderConstraint;
import org.vigil.cib.Primitive;
import org.vigil.cib.Resource;
import org.vigil.cib.ResourceSet;
import org.vigil.cib.Rule;
import org.vigil.cib.RuleCondition;

/**
 * Random configurations in the shape the configure language expresses, with the parts' ids following
 * {@link Ids}' conventions (top-level ids are random). Built from a seed so a failure names its input.
 */
final class ConfigGenerator {
    private static final String[] ROLES = {"Started", "Stopped", "Master", "Slave", "Promoted", "Unpromoted"};
    private static final String[] SCORES = {"INFINITY", "-INFINITY", "100", "-5", "0", "2500"};
    private final Random rnd;
    private final Set<String> used = new HashSet<>();

    ConfigGenerator(long seed) {
        this.rnd = new Random(seed);
    }

    private <T> T pick(T[] a) {
        return a[rnd.nextInt(a.length)];
    }

    private String id() {
        String first = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_";
        String rest = first + "0123456789.-";
        while (true) {
            StringBuilder sb = new StringBuilder().append(first.charAt(rnd.nextInt(first.length())));
            int n = rnd.nextInt(8);
            for (int i = 0; i < n; i++) {
                sb.append(rest.charAt(rnd.nextInt(rest.length())));
            }
            String s = sb.toString();
            if (!ConfigParser.KEYWORDS.contains(s) && !s.equals("rule") && used.add(s)) {
                return s;
            }
        }
    }

    private String name() {
        String[] names = {"ip", "target-role", "xmfile", "config", "is-managed", "stonith-enabled", "a_b", "x1",
            "migration-threshold", "drbd_resource", "node_ip_attribute", "fstype"};
        return pick(names);
    }

    String value() {
        String[] fixed = {"", "true", "192.168.1.50", "/etc/xen/cluster/vm01.cfg", "qemu:///system", "a b",
            "say \"hi\"", "back\\slash", "(paren", "end)", "x=y", "#hash", "inf:", "tab\there", "line\nbreak",
            "ünïcødé", "rule", "op", "-inf"};
        if (rnd.nextInt(3) == 0) {
            StringBuilder sb = new StringBuilder();
            int n = rnd.nextInt(12);
            for (int i = 0; i < n; i++) {
                sb.append((char) (32 + rnd.nextInt(95)));
            }
            return sb.toString();
        }
        return pick(fixed);
    }

    private List<NvPair> pairs(String setId) {
        Map<String, String> m = new LinkedHashMap<>();
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            m.put(name(), value());
        }
        List<NvPair> out = new ArrayList<>();
        m.forEach((k, v) -> out.add(NvPair.of(Ids.nvPair(setId, k), k, v)));
        return out;
    }

    private List<NvSet> sets(String owner, String kind, int max) {
        List<NvSet> out = new ArrayList<>();
        int n = rnd.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            String id = rnd.nextInt(5) == 0 ? id() : Ids.nvSet(owner, kind, i);
            String score = rnd.nextInt(6) == 0 ? "10" : null;
            out.add(new NvSet(id, null, score, null, pairs(id)));
        }
        return out;
    }

    Node node() {
        String uname = id();
        String id = rnd.nextBoolean() ? uname : id();
        List<NvSet> attrs = new ArrayList<>();
        int n = rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            String sid = Ids.nodeAttributes(id, i);
            attrs.add(NvSet.of(sid, pairs(sid)));
        }
        List<NvSet> util = new ArrayList<>();
        if (rnd.nextBoolean()) {
            String sid = Ids.nodeUtilization(id, 0);
            util.add(NvSet.of(sid, pairs(sid)));
        }
        String type = rnd.nextInt(4) == 0 ? "member" : null;
        Map<String, String> other = rnd.nextInt(4) == 0 ? Map.of("description", value()) : Map.of();
        return new Node(id, uname, type, other, attrs, util);
    }

    Primitive primitive() {
        String id = id();
        String[][] agents = {{"ocf", "heartbeat", "Xen"}, {"ocf", "linbit", "drbd"}, {"stonith", null, "fence_ipmi"},
            {"systemd", null, "httpd"}, {"lsb", null, "nfs"}, {"ocf", "pacemaker", "Dummy"}};
        String[] a = pick(agents);
        List<Op> ops = new ArrayList<>();
        int n = rnd.nextInt(4);
        String[] names = {"monitor", "start", "stop", "promote", "migrate_to"};
        String[] intervals = {"0", "0s", "10", "30s", "5min"};
        for (int i = 0; i < n; i++) {
            String name = pick(names);
            String interval = pick(intervals);
            int dup = (int) ops.stream().filter(o -> o.name().equals(name) && o.interval().equals(interval)).count();
            String oid = rnd.nextInt(6) == 0 ? id() : Ids.op(id, name, interval, dup);
            Map<String, String> attrs = new LinkedHashMap<>();
            if (rnd.nextBoolean()) {
                attrs.put("timeout", pick(new String[] {"30s", "240", "90s"}));
            }
            if (rnd.nextInt(3) == 0) {
                attrs.put("role", pick(ROLES));
            }
            if (rnd.nextInt(4) == 0) {
                attrs.put("on-fail", "restart");
            }
            List<NvSet> params = new ArrayList<>();
            if (rnd.nextInt(4) == 0) {
                String sid = Ids.nvSet(oid, "instance_attributes", 0);
                params.add(NvSet.of(sid, List.of(NvPair.of(Ids.nvPair(sid, "OCF_CHECK_LEVEL"), "OCF_CHECK_LEVEL",
                        pick(new String[] {"0", "10"})))));
            } else if (rnd.nextInt(5) == 0) {
                params.add(NvSet.of(Ids.nvSet(oid, "instance_attributes", 0),
                        pairs(Ids.nvSet(oid, "instance_attributes", 0))));
            }
            List<NvSet> meta = rnd.nextInt(6) == 0 ? List.of(NvSet.of(Ids.nvSet(oid, "meta_attributes", 0),
                    pairs(Ids.nvSet(oid, "meta_attributes", 0)))) : List.of();
            ops.add(new Op(oid, name, interval, attrs, params, meta));
        }
        Map<String, String> other = rnd.nextInt(4) == 0 ? Map.of("description", value()) : Map.of();
        return new Primitive(id, a[0], a[1], a[2], null, other, sets(id, "instance_attributes", 2),
                sets(id, "meta_attributes", 2), sets(id, "utilization", 1), Operations.of(ops));
    }

    Configuration configuration() {
        List<Node> nodes = new ArrayList<>();
        int nn = rnd.nextInt(4);
        for (int i = 0; i < nn; i++) {
            nodes.add(node());
        }
        List<Resource> top = new ArrayList<>();
        int np = rnd.nextInt(6);
        for (int i = 0; i < np; i++) {
            top.add(primitive());
        }
        // wrap some primitives into groups and clones, keeping the container at its first member's place
        if (top.size() >= 2 && rnd.nextBoolean()) {
            int at = rnd.nextInt(top.size() - 1);
            List<Resource> members = new ArrayList<>(top.subList(at, at + 2));
            String gid = id();
            Group g = new Group(gid, Map.of(), List.of(), sets(gid, "meta_attributes", 1), members);
            top.remove(at + 1);
            top.set(at, g);
        }
        if (!top.isEmpty() && rnd.nextBoolean()) {
            int at = rnd.nextInt(top.size());
            String cid = id();
            List<NvSet> meta = sets(cid, "meta_attributes", 1);
            if (rnd.nextBoolean()) {
                String sid = Ids.nvSet(cid, "meta_attributes", 0);
                List<NvPair> p = new ArrayList<>();
                p.add(NvPair.of(Ids.nvPair(sid, "promotable"), "promotable", "true"));
                p.add(NvPair.of(Ids.nvPair(sid, "interleave"), "interleave", "true"));
                meta = List.of(NvSet.of(sid, p));
            }
            top.set(at, new Clone(cid, false, Map.of(), List.of(), meta, top.get(at)));
        }
        List<String> rids = org.vigil.cib.Resources.flatten(top).stream().map(Resource::id).toList();
        List<Constraint> constraints = new ArrayList<>();
        if (!rids.isEmpty()) {
            int nc = rnd.nextInt(6);
            for (int i = 0; i < nc; i++) {
                constraints.add(constraint(rids, nodes));
            }
        }
        List<NvSet> props = new ArrayList<>();
        if (rnd.nextBoolean()) {
            props.add(NvSet.of("cib-bootstrap-options", pairs("cib-bootstrap-options")));
        }
        if (rnd.nextInt(4) == 0) {
            String sid = id();
            props.add(NvSet.of(sid, pairs(sid)));
        }
        List<NvSet> rscDefaults = rnd.nextBoolean() ? List.of(NvSet.of("rsc-options", pairs("rsc-options")))
                : List.of();
        List<NvSet> opDefaults = rnd.nextInt(3) == 0 ? List.of(NvSet.of("op-options", pairs("op-options")))
                : List.of();
        return new Configuration(props, nodes, top, constraints, rscDefaults, opDefaults, List.of());
    }

    private String rsc(List<String> ids) {
        return ids.get(rnd.nextInt(ids.size()));
    }

    private Constraint constraint(List<String> rids, List<Node> nodes) {
        String cid = id();
        String node = nodes.isEmpty() ? "server50" : nodes.get(rnd.nextInt(nodes.size())).uname();
        switch (rnd.nextInt(6)) {
            case 0 -> {
                return new LocationConstraint(cid, rsc(rids), null, node, pick(SCORES),
                        rnd.nextInt(3) == 0 ? pick(ROLES) : null, null, Map.of(), List.of(), List.of());
            }
            case 1 -> {
                List<Rule> rules = new ArrayList<>();
                int n = 1 + rnd.nextInt(2);
                for (int i = 0; i < n; i++) {
                    rules.add(rule(cid, i));
                }
                return new LocationConstraint(cid, rsc(rids), null, null, null, null, null, Map.of(), List.of(),
                        rules);
            }
            case 2 -> {
                return new ColocationConstraint(cid, rsc(rids), rsc(rids), pick(SCORES),
                        rnd.nextBoolean() ? pick(ROLES) : null, rnd.nextBoolean() ? pick(ROLES) : null,
                        rnd.nextInt(4) == 0 ? "site" : null, Map.of(), List.of());
            }
            case 3 -> {
                return new ColocationConstraint(cid, null, null, pick(SCORES), null, null, null, Map.of(),
                        sets(cid, rids, "role", ROLES));
            }
            case 4 -> {
                String kind = rnd.nextBoolean() ? pick(new String[] {"Mandatory", "Optional", "Serialize"}) : null;
                String score = kind == null && rnd.nextBoolean() ? pick(new String[] {"50", "-10"}) : null;
                String[] actions = {"start", "stop", "promote", "demote"};
                return new OrderConstraint(cid, rsc(rids), rsc(rids), rnd.nextBoolean() ? pick(actions) : null,
                        rnd.nextBoolean() ? pick(actions) : null, kind, score,
                        rnd.nextInt(3) == 0 ? "false" : null, Map.of(), List.of());
            }
            default -> {
                return new OrderConstraint(cid, null, null, null, null, "Mandatory", null, null, Map.of(),
                        sets(cid, rids, "action", new String[] {"start", "promote"}));
            }
        }
    }

    private List<ResourceSet> sets(String cid, List<String> rids, String suffixAttr, String[] suffixes) {
        List<ResourceSet> out = new ArrayList<>();
        int n = 1 + rnd.nextInt(3);
        String lastBareSuffix = "\0";
        boolean lastBare = false;
        int bareItems = 0;
        boolean anyBracket = false;
        for (int i = 0; i < n; i++) {
            List<String> members = new ArrayList<>();
            int m = 1 + rnd.nextInt(3);
            for (int j = 0; j < m; j++) {
                members.add(rsc(rids));
            }
            String suffix = rnd.nextBoolean() ? pick(suffixes) : null;
            int kind = rnd.nextInt(3);
            if (kind == 0 && lastBare && java.util.Objects.equals(lastBareSuffix, suffix)) {
                kind = 1;
            }
            Map<String, String> attrs = new LinkedHashMap<>();
            if (suffix != null) {
                attrs.put(suffixAttr, suffix);
            }
            if (kind >= 1) {
                attrs.put("sequential", "false");
                anyBracket = true;
            }
            if (kind == 2) {
                attrs.put("require-all", "false");
            }
            lastBare = kind == 0;
            lastBareSuffix = suffix;
            if (kind == 0) {
                bareItems += members.size();
            }
            out.add(new ResourceSet(Ids.resourceSet(cid, i), null, attrs, members));
        }
        if (!anyBracket && bareItems < 3) {
            ResourceSet first = out.get(0);
            Map<String, String> attrs = new LinkedHashMap<>(first.otherAttributes());
            attrs.put("sequential", "false");
            out.set(0, new ResourceSet(first.id(), null, attrs, first.resources()));
        }
        return out;
    }

    private Rule rule(String cid, int n) {
        String rid = rnd.nextInt(5) == 0 ? id() : Ids.rule(cid, n);
        List<RuleCondition> conds = new ArrayList<>();
        int k = 1 + rnd.nextInt(3);
        for (int i = 0; i < k; i++) {
            String eid = Ids.expression(rid, i);
            switch (rnd.nextInt(6)) {
                case 0 -> conds.add(new Expression(eid, "#uname", "eq", value().replace("\n", ""), null, Map.of()));
                case 1 -> conds.add(new Expression(eid, "pingd", pick(new String[] {"lt", "gt", "lte", "gte", "ne"}),
                        "5", pick(new String[] {"integer", "number", "version", "string"}), Map.of()));
                case 2 -> conds.add(new Expression(eid, "pingd", pick(new String[] {"defined", "not_defined"}), null,
                        null, Map.of()));
                case 3 -> conds.add(rnd.nextBoolean()
                        ? new DateExpression(eid, "gt", "2026-01-01 00:00:00", null, Map.of(), null, null)
                        : new DateExpression(eid, "lt", null, "2027-01-01", Map.of(), null, null));
                case 4 -> conds.add(rnd.nextBoolean()
                        ? new DateExpression(eid, "in_range", "2026-01-01", "2026-12-31", Map.of(), null, null)
                        : new DateExpression(eid, "in_range", "2026-01-01", null, Map.of(), null,
                                new DateSpec(Ids.duration(eid), Map.of("hours", "2"))));
                default -> conds.add(new DateExpression(eid, "date_spec", null, null, Map.of(),
                        new DateSpec(Ids.dateSpec(eid), Map.of("hours", "9-17", "weekdays", "1-5")), null));
            }
        }
        boolean attr = rnd.nextInt(4) == 0;
        return new Rule(rid, null, attr ? null : pick(SCORES), attr ? "pingd" : null,
                rnd.nextInt(3) == 0 ? pick(ROLES) : null, k > 1 ? (rnd.nextBoolean() ? "and" : "or") : null,
                Map.of(), conds);
    }
}
