package org.vigil.cli.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigil.cib.Cib;
import org.vigil.cib.Lrm;
import org.vigil.cib.LrmResource;
import org.vigil.cib.LrmRscOp;
import org.vigil.cib.Node;
import org.vigil.cib.NodeState;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;

/**
 * crm_simulate's changes to the status before scheduling ({@code --node-up}, {@code --node-down},
 * {@code --node-fail}, {@code --op-inject}), made on a copy: the "what if" of the console and of crm simulate.
 * The flags are Pacemaker's: a node down left cleanly (expected down), a failed one is out of the membership
 * while its controller was expected up, so it is unclean and gets fenced.
 */
public record Injections(List<String> nodeUp, List<String> nodeDown, List<String> nodeFail, List<String> opInject) {
    /** crm_simulate's RSC_TASK_INTERVAL@NODE=RC (interval in ms). */
    private static final Pattern OP = Pattern.compile("(.+)_([a-z_]+?)_(\\d+)@([^=]+)=(\\d+)");

    public Injections {
        nodeUp = List.copyOf(nodeUp);
        nodeDown = List.copyOf(nodeDown);
        nodeFail = List.copyOf(nodeFail);
        opInject = List.copyOf(opInject);
    }

    public boolean isEmpty() {
        return nodeUp.isEmpty() && nodeDown.isEmpty() && nodeFail.isEmpty() && opInject.isEmpty();
    }

    /** {@code cib} with every change made, in crm_simulate's order: nodes up, down, failed, then operations. */
    public Cib apply(Cib cib, long nowSeconds) {
        Cib out = cib;
        for (String n : nodeUp) {
            out = node(out, n, "true", "online", "member", "member");
        }
        for (String n : nodeDown) {
            out = node(out, n, "false", "offline", "down", "down");
        }
        for (String n : nodeFail) {
            out = node(out, n, "false", "online", "member", "member");
        }
        int call = 900_000; // above any call id a real executor reached, so the injected result is the newest
        for (String spec : opInject) {
            out = op(out, spec, nowSeconds, call++);
        }
        return out;
    }

    private static Cib node(Cib cib, String name, String inCcm, String crmd, String join, String expected) {
        NodeState old = cib.status().nodeState(name).orElse(null);
        NodeState state;
        if (old == null) {
            String id = cib.configuration().nodes().stream().filter(n -> name.equals(n.uname())).map(Node::id)
                    .findFirst().orElseThrow(() -> new CliException("no node '" + name + "' in the CIB", ExitCodes.USAGE));
            state = new NodeState(id, name, inCcm, crmd, join, expected, Map.of(), null, null, List.of());
        } else {
            state = new NodeState(old.id(), old.uname(), inCcm, crmd, join, expected, old.otherAttributes(),
                    old.transientAttributes(), old.lrm(), old.extras());
        }
        return cib.withStatus(cib.status().withNodeState(state));
    }

    private static Cib op(Cib cib, String spec, long now, int call) {
        Matcher m = OP.matcher(spec);
        if (!m.matches()) {
            throw new CliException("--op-inject '" + spec + "': expected RSC_TASK_INTERVAL@NODE=RC, for example"
                    + " vip_monitor_10000@node1=7", ExitCodes.USAGE);
        }
        String rsc = m.group(1);
        String task = m.group(2);
        long interval = Long.parseLong(m.group(3));
        String node = m.group(4);
        int rc = Integer.parseInt(m.group(5));
        NodeState state = cib.status().nodeState(node).orElseThrow(() -> new CliException("--op-inject '" + spec
                + "': node '" + node + "' has no status in the CIB", ExitCodes.USAGE));
        Lrm lrm = state.lrm();
        List<LrmResource> resources = lrm == null ? List.of() : lrm.resources();
        for (int i = 0; i < resources.size(); i++) {
            LrmResource r = resources.get(i);
            if (r.id().equals(rsc)) {
                List<LrmRscOp> ops = new ArrayList<>(r.ops());
                String id = rsc + "_" + (interval == 0 ? "last_failure" : task + "_" + interval) + "_0";
                ops.removeIf(o -> o.id().equals(id));
                ops.add(LrmRscOp.recorded(id, task, interval, call, rc, 0, now, 0,
                        "0:0:0:00000000-0000-0000-0000-000000000000", node, "injected", new TreeMap<>()));
                NodeState changed = state.withLrm(lrm.withResource(i, r.withOps(ops)));
                return cib.withStatus(cib.status().withNodeState(changed));
            }
        }
        throw new CliException("--op-inject '" + spec + "': " + node + " has no history of '" + rsc
                + "' (inject results only for resources probed there)", ExitCodes.USAGE);
    }
}
