package org.vigil.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.vigil.cib.Cib;
import org.vigil.cib.ColocationConstraint;
import org.vigil.cib.Configuration;
import org.vigil.cib.Constraint;
import org.vigil.cib.Clone;
import org.vigil.cib.Group;
import org.vigil.cib.LocationConstraint;
import org.vigil.cib.Lrm;
import org.vigil.cib.LrmResource;
import org.vigil.cib.LrmRscOp;
import org.vigil.cib.Node;
import org.vigil.cib.NodeState;
import org.vigil.cib.NvPair;
import org.vigil.cib.NvSet;
import org.vigil.cib.Op;
import org.vigil.cib.Operations;
import org.vigil.cib.OrderConstraint;
import org.vigil.cib.Primitive;
import org.vigil.cib.Resource;
import org.vigil.cib.Status;

/**
 * Builds large CIBs for scheduler benchmarks, shaped like {@code ../shared/tools/gen_large.py}: a tenth of
 * the primitives in groups of three, one anonymous clone, location/colocation/order constraints, stickiness
 * 100. With status, every resource already runs (spread round-robin, clone everywhere) and then the first
 * node has failed, so the input asks for one recovery transition. Deterministic for a seed.
 */
public final class LargeCibGenerator {
    private static final String[] LOCATION_SCORES = {"100", "200", "-INFINITY", "INFINITY", "50"};
    private static final String[] COLOCATION_SCORES = {"INFINITY", "100", "-100"};

    /**
     * Pacemaker's digests of the parameters the operations ran with (MD5 of {@code " <parameters/>\n"}, and
     * with the monitor's default 20 s timeout): recorded so that Pacemaker, like Vigil, sees unchanged
     * definitions and does not restart everything.
     */
    private static final String START_DIGEST = "f2317cad3d54cec5d7d7aa7d0bf35cf8";
    private static final String MONITOR_DIGEST = "4811cef7f7f94e3a35a70be7916cb2fd";

    private final int nodeCount;
    private final int resourceCount;
    private final long seed;

    public LargeCibGenerator(int nodeCount, int resourceCount, long seed) {
        if (nodeCount < 2 || resourceCount < 1) {
            throw new IllegalArgumentException("need at least 2 nodes and 1 resource");
        }
        this.nodeCount = nodeCount;
        this.resourceCount = resourceCount;
        this.seed = seed;
    }

    /** Everything placed, then node001 failed. */
    public Cib afterNodeFailure() {
        return generate(true);
    }

    /** Every node online, nothing placed yet. */
    public Cib fromScratch() {
        return generate(false);
    }

    private Cib generate(boolean placed) {
        Random rnd = new Random(seed);
        List<String> nodes = new ArrayList<>();
        List<Node> nodeList = new ArrayList<>();
        for (int i = 1; i <= nodeCount; i++) {
            String name = String.format("node%03d", i);
            nodes.add(name);
            nodeList.add(Node.of(Integer.toString(i), name));
        }
        List<Resource> resources = new ArrayList<>();
        List<String> top = new ArrayList<>();
        List<String> primitiveIds = new ArrayList<>();
        Map<String, List<String>> membersOfTop = new LinkedHashMap<>();
        int i = 0;
        while (i < resourceCount) {
            if (rnd.nextDouble() < 0.1 && i + 3 <= resourceCount) {
                String gid = String.format("grp%05d", i);
                List<Resource> members = new ArrayList<>();
                List<String> ids = new ArrayList<>();
                for (int j = 0; j < 3; j++) {
                    members.add(primitive(gid + "-" + j, false));
                    ids.add(gid + "-" + j);
                }
                resources.add(new Group(gid, Map.of(), List.of(), List.of(), members));
                top.add(gid);
                membersOfTop.put(gid, ids);
                primitiveIds.addAll(ids);
                i += 3;
            } else {
                String rid = String.format("vm%05d", i);
                resources.add(primitive(rid, rnd.nextDouble() < 0.3));
                top.add(rid);
                membersOfTop.put(rid, List.of(rid));
                primitiveIds.add(rid);
                i++;
            }
        }
        resources.add(new Clone("base-clone", false, Map.of(), List.of(), List.of(), primitive("base", false)));
        List<Constraint> constraints = new ArrayList<>();
        for (int k = 0; k < top.size() / 4; k++) {
            constraints.add(LocationConstraint.simple("loc" + k, pick(rnd, top), pick(rnd, LOCATION_SCORES),
                    pick(rnd, nodes)));
        }
        for (int k = 0; k < top.size() / 10; k++) {
            int[] ab = twoSorted(rnd, top.size());
            constraints.add(new ColocationConstraint("col" + k, top.get(ab[1]), top.get(ab[0]),
                    pick(rnd, COLOCATION_SCORES), null, null, null, Map.of(), List.of()));
        }
        for (int k = 0; k < top.size() / 10; k++) {
            int[] ab = twoSorted(rnd, top.size());
            constraints.add(new OrderConstraint("ord" + k, top.get(ab[0]), top.get(ab[1]), null, null,
                    rnd.nextBoolean() ? "Mandatory" : "Optional", null, null, Map.of(), List.of()));
        }
        List<String> shuffled = new ArrayList<>(top);
        java.util.Collections.shuffle(shuffled, rnd);
        for (int k = 0; k < Math.min(50, shuffled.size()); k++) {
            constraints.add(new OrderConstraint("base-ord" + k, "base-clone", shuffled.get(k), null, null, null,
                    null, null, Map.of(), List.of()));
        }
        Configuration config = new Configuration(
                List.of(NvSet.of("cib-bootstrap-options", List.of(
                        NvPair.of("o1", "stonith-enabled", "false"),
                        NvPair.of("o2", "no-quorum-policy", "ignore")))),
                nodeList, resources, constraints,
                List.of(NvSet.of("rsc-options", List.of(NvPair.of("rsc-stick", "resource-stickiness", "100")))),
                List.of(), List.of());
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("validate-with", "pacemaker-3.7");
        attrs.put("crm_feature_set", "3.16.2");
        attrs.put("admin_epoch", "0");
        attrs.put("epoch", "1");
        attrs.put("num_updates", "0");
        attrs.put("have-quorum", "1");
        attrs.put("execution-date", "1700000000");
        return new Cib(attrs, config, status(nodes, top, membersOfTop, placed));
    }

    private Status status(List<String> nodes, List<String> top, Map<String, List<String>> membersOfTop,
            boolean placed) {
        Map<String, List<LrmResource>> running = new LinkedHashMap<>();
        nodes.forEach(n -> running.put(n, new ArrayList<>()));
        if (placed) {
            int call = 1;
            for (int k = 0; k < top.size(); k++) {
                String node = nodes.get(k % nodes.size());
                for (String id : membersOfTop.get(top.get(k))) {
                    running.get(node).add(started(id, node, call++));
                }
            }
            for (String node : nodes) {
                running.get(node).add(started("base", node, call++));
            }
        }
        List<NodeState> states = new ArrayList<>();
        for (int k = 0; k < nodes.size(); k++) {
            String node = nodes.get(k);
            boolean failed = placed && k == 0;
            Lrm lrm = new Lrm(Integer.toString(k + 1), Map.of(), null, running.get(node));
            // A failed node: out of the membership, not expected down, so it is unclean; fencing is off, so
            // its resources are taken as stopped and recovered elsewhere.
            states.add(new NodeState(Integer.toString(k + 1), node, failed ? "false" : "true",
                    failed ? "offline" : "online", failed ? "down" : "member", "member", Map.of(), null, lrm,
                    List.of()));
        }
        return new Status(states, List.of());
    }

    private static LrmResource started(String id, String node, int call) {
        String key = call + ":0:0:00000000-0000-0000-0000-000000000000";
        LrmRscOp start = new LrmRscOp(id + "_last_0", "start", "0", Integer.toString(2 * call), "0", "0",
                "1700000000", "10", key, "0:0;" + key, node, null, Map.of("operation_key", id + "_start_0", "crm_feature_set", "3.16.2", "op-digest", START_DIGEST));
        LrmRscOp monitor = new LrmRscOp(id + "_monitor_30000", "monitor", "30000", Integer.toString(2 * call + 1),
                "0", "0",
                "1700000000", "10", key, "0:0;" + key, node, null, Map.of("operation_key", id + "_monitor_30000", "crm_feature_set", "3.16.2", "op-digest",
                        MONITOR_DIGEST));
        return new LrmResource(id, "ocf", "heartbeat", "Dummy", Map.of(), List.of(start, monitor));
    }

    private static Primitive primitive(String id, boolean allowMigrate) {
        List<NvSet> meta = allowMigrate
                ? List.of(NvSet.of(id + "-meta", List.of(NvPair.of(id + "-am", "allow-migrate", "true"))))
                : List.of();
        return new Primitive(id, "ocf", "heartbeat", "Dummy", null, Map.of(), List.of(), meta, List.of(),
                Operations.of(List.of(new Op(id + "-mon", "monitor", "30s", Map.of(), List.of(), List.of()))));
    }

    private static <T> T pick(Random rnd, List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }

    private static String pick(Random rnd, String[] options) {
        return options[rnd.nextInt(options.length)];
    }

    private static int[] twoSorted(Random rnd, int n) {
        int a = rnd.nextInt(n);
        int b = rnd.nextInt(n - 1);
        if (b >= a) {
            b++;
        }
        return new int[] {Math.min(a, b), Math.max(a, b)};
    }
}
