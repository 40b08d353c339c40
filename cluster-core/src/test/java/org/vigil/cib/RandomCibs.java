package org.vigil.cib;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Generates whole CIB models: every record type, optional fields absent or present, awkward characters in
 * values, unmodelled sections. Any generated model must survive the XML and JSON codecs unchanged.
 */
public final class RandomCibs {
    private static final String[] EXTRA_KEYS = {"description", "x-note", "data-b", "custom"};
    private static final String VALUE_CHARS = "abcXYZ019 _-.:/&<>\"'=\t\né日#%";

    private final Random rnd;
    private int counter;

    private RandomCibs(Random rnd) {
        this.rnd = rnd;
    }

    public static Arbitrary<Cib> cibs() {
        return Arbitraries.randomValue(r -> new RandomCibs(r).cib());
    }

    public static Cib cib(long seed) {
        return new RandomCibs(new Random(seed)).cib();
    }

    Cib cib() {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("admin_epoch", Integer.toString(rnd.nextInt(3)));
        attrs.put("epoch", Integer.toString(rnd.nextInt(1000)));
        attrs.put("num_updates", Integer.toString(rnd.nextInt(1000)));
        attrs.putAll(extraAttrs());
        return new Cib(attrs, configuration(), status());
    }

    private Configuration configuration() {
        return new Configuration(list(3, () -> nvSet(true)), list(4, this::node), list(5, () -> resource(0)),
                list(5, this::constraint), list(2, () -> nvSet(true)), list(2, () -> nvSet(true)),
                list(2, () -> opaque(pick("fencing-topology", "tags", "acls", "alerts"), 2)));
    }

    private Status status() {
        return new Status(list(3, this::nodeState), list(1, () -> opaque("tickets", 2)));
    }

    private Node node() {
        return new Node(id(), maybe(this::id), maybe(() -> pick("member", "remote", "normal")), extraAttrs(),
                list(2, () -> nvSet(false)), list(1, () -> nvSet(false)));
    }

    private NvSet nvSet(boolean withRule) {
        return new NvSet(maybe(this::id), rnd.nextInt(8) == 0 ? id() : null, maybe(this::score),
                withRule && rnd.nextInt(4) == 0 ? rule(0) : null, list(4, this::nvPair));
    }

    private NvPair nvPair() {
        return new NvPair(maybe(this::id), rnd.nextInt(10) == 0 ? id() : null, maybe(this::id), maybe(this::value));
    }

    private Rule rule(int depth) {
        return new Rule(maybe(this::id), rnd.nextInt(10) == 0 ? id() : null, maybe(this::score), maybe(this::id),
                maybe(() -> pick("Started", "Promoted", "Slave")), maybe(() -> pick("and", "or")), extraAttrs(),
                list(3, () -> condition(depth)));
    }

    private RuleCondition condition(int depth) {
        int k = rnd.nextInt(depth < 2 ? 4 : 3);
        if (k == 0) {
            return new Expression(maybe(this::id), maybe(() -> pick("#uname", "#id", "site", "ping")),
                    maybe(() -> pick("eq", "ne", "gt", "defined")), maybe(this::value),
                    maybe(() -> pick("string", "integer", "version")), extraAttrs());
        }
        if (k == 1) {
            return new DateExpression(maybe(this::id), maybe(() -> pick("in_range", "gt", "date_spec")),
                    maybe(() -> "2024-01-01"), maybe(() -> "2030-12-31"), extraAttrs(),
                    rnd.nextBoolean() ? new DateSpec(maybe(this::id), Map.of("hours", "9-17")) : null,
                    rnd.nextBoolean() ? new DateSpec(maybe(this::id), Map.of("months", "1")) : null);
        }
        if (k == 2) {
            return new OpaqueCondition(opaque(pick("op_expression", "rsc_expression"), 0));
        }
        return rule(depth + 1);
    }

    private Resource resource(int depth) {
        int k = rnd.nextInt(depth == 0 ? 5 : 1);
        switch (k) {
            case 1:
                return new Group(id(), extraAttrs(), list(1, () -> nvSet(false)), list(2, () -> nvSet(false)),
                        list(3, this::primitive));
            case 2:
                return new Clone(id(), rnd.nextBoolean(), extraAttrs(), list(1, () -> nvSet(false)),
                        list(2, () -> nvSet(false)), rnd.nextInt(6) == 0 ? null
                                : rnd.nextBoolean() ? primitive() : resource(1) instanceof Primitive p ? p
                                : primitive());
            case 3:
                return new ResourceTemplate(primitive());
            case 4:
                return new OpaqueResource(opaque("bundle", 2));
            default:
                return primitive();
        }
    }

    private Primitive primitive() {
        return new Primitive(id(), maybe(() -> pick("ocf", "stonith", "systemd")), maybe(() -> pick("heartbeat",
                "pacemaker", "linbit")), maybe(() -> pick("Dummy", "Xen", "drbd")), rnd.nextInt(8) == 0 ? id() : null,
                extraAttrs(), list(2, () -> nvSet(false)), list(2, () -> nvSet(false)), list(1, () -> nvSet(false)),
                rnd.nextInt(3) == 0 ? Operations.NONE
                        : new Operations(maybe(this::id), rnd.nextInt(10) == 0 ? id() : null, list(3, this::op)));
    }

    private Op op() {
        Map<String, String> other = extraAttrs();
        if (rnd.nextBoolean()) {
            other.put("timeout", pick("20s", "90", "600s"));
        }
        if (rnd.nextBoolean()) {
            other.put("role", pick("Master", "Unpromoted"));
        }
        return new Op(maybe(this::id), maybe(() -> pick("monitor", "start", "stop", "migrate_to")),
                maybe(() -> pick("0", "10s", "30")), other, list(1, () -> nvSet(false)), list(1, () -> nvSet(false)));
    }

    private Constraint constraint() {
        switch (rnd.nextInt(4)) {
            case 0:
                return new LocationConstraint(maybe(this::id), maybe(this::id), maybe(() -> "vm.*"), maybe(this::id),
                        maybe(this::score), maybe(() -> "Started"), maybe(() -> pick("always", "never")),
                        extraAttrs(), list(2, this::resourceSet), list(2, () -> rule(0)));
            case 1:
                return new ColocationConstraint(maybe(this::id), maybe(this::id), maybe(this::id), maybe(this::score),
                        maybe(() -> "Master"), maybe(() -> "Started"), maybe(() -> "site"), extraAttrs(),
                        list(2, this::resourceSet));
            case 2:
                return new OrderConstraint(maybe(this::id), maybe(this::id), maybe(this::id),
                        maybe(() -> "promote"), maybe(() -> "start"), maybe(() -> pick("Mandatory", "Optional")),
                        maybe(this::score), maybe(() -> pick("true", "false")), extraAttrs(),
                        list(2, this::resourceSet));
            default:
                return new OpaqueConstraint(opaque("rsc_ticket", 1));
        }
    }

    private ResourceSet resourceSet() {
        Map<String, String> other = extraAttrs();
        if (rnd.nextBoolean()) {
            other.put("sequential", pick("true", "false"));
        }
        return new ResourceSet(maybe(this::id), rnd.nextInt(10) == 0 ? id() : null, other, list(3, this::id));
    }

    private NodeState nodeState() {
        return new NodeState(maybe(this::id), maybe(this::id), maybe(() -> pick("true", "false", "1700000000")),
                maybe(() -> pick("online", "offline")), maybe(() -> pick("member", "down")),
                maybe(() -> pick("member", "down")), extraAttrs(),
                rnd.nextBoolean() ? new TransientAttributes(maybe(this::id), list(2, () -> nvSet(false))) : null,
                rnd.nextBoolean() ? lrm() : null, list(1, () -> opaque("x-extra", 1)));
    }

    private Lrm lrm() {
        return new Lrm(maybe(this::id), extraAttrs(), maybe(this::id), list(3, () -> new LrmResource(maybe(this::id),
                maybe(() -> "ocf"), maybe(() -> "heartbeat"), maybe(() -> "Dummy"), extraAttrs(),
                list(3, this::lrmRscOp))));
    }

    private LrmRscOp lrmRscOp() {
        return new LrmRscOp(maybe(this::id), maybe(() -> pick("start", "monitor", "stop", "migrate_to")),
                maybe(() -> pick("0", "10000")), maybe(() -> Integer.toString(rnd.nextInt(100))),
                maybe(() -> Integer.toString(rnd.nextInt(10))), maybe(() -> pick("0", "1", "4")),
                maybe(() -> "1700000000"), maybe(() -> "12"), maybe(() -> "3:0:0:abc"), maybe(() -> "0:0;3:0:0:abc"),
                maybe(this::id), maybe(this::value), extraAttrs());
    }

    private XmlElement opaque(String name, int depth) {
        Map<String, String> attrs = extraAttrs();
        if (rnd.nextBoolean()) {
            attrs.put("id", id());
        }
        List<XmlElement> kids = depth == 0 ? List.of() : list(2, () -> opaque(pick("level", "obj_ref", "meta"),
                depth - 1));
        String text = kids.isEmpty() && rnd.nextInt(4) == 0 ? "text " + value() + "x" : null;
        return new XmlElement(name, attrs, kids, text);
    }

    private Map<String, String> extraAttrs() {
        Map<String, String> m = new LinkedHashMap<>();
        int n = rnd.nextInt(3) == 0 ? rnd.nextInt(3) : 0;
        for (int i = 0; i < n; i++) {
            m.put(pick(EXTRA_KEYS), value());
        }
        return m;
    }

    private <T> List<T> list(int max, Supplier<T> gen) {
        int n = rnd.nextInt(max + 1);
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(gen.get());
        }
        return out;
    }

    private <T> T maybe(Supplier<T> gen) {
        return rnd.nextInt(4) == 0 ? null : gen.get();
    }

    private String pick(String... options) {
        return options[rnd.nextInt(options.length)];
    }

    private String id() {
        return pick("rsc", "node", "vm", "ms-drbd", "c") + (counter++);
    }

    private String score() {
        return pick("INFINITY", "-INFINITY", "100", "-50", "0", "+INFINITY");
    }

    private String value() {
        int n = rnd.nextInt(8);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(VALUE_CHARS.charAt(rnd.nextInt(VALUE_CHARS.length())));
        }
        return b.toString();
    }
}
