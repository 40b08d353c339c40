package org.vigil.cib;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The connection resource Pacemaker adds to the configuration for a guest node (a primitive with the
 * {@code remote-node} meta attribute, such as a virtual machine): {@code ocf:pacemaker:remote} named after the
 * node, reaching {@code remote-addr} (default: the node's name) on {@code remote-port}, monitored every 30 s, its
 * start bounded by {@code remote-connect-timeout}. One definition for the scheduler and the executor's requests.
 */
public final class GuestConnection {
    /** The meta attribute naming the container, which the executor's requests carry too. */
    public static final String CONTAINER_META = "container";

    private GuestConnection() {}

    /** The connection a container primitive stands for, or empty when it names no guest node. */
    public static Optional<Primitive> of(Primitive container) {
        String node = meta(container, "remote-node");
        if (node == null || node.isBlank()) {
            return Optional.empty();
        }
        String id = node.trim();
        List<NvPair> params = new ArrayList<>();
        String addr = meta(container, "remote-addr");
        if (addr != null) {
            params.add(NvPair.of(id + "-instance_attributes-addr", "addr", addr));
        }
        String port = meta(container, "remote-port");
        if (port != null) {
            params.add(NvPair.of(id + "-instance_attributes-port", "port", port));
        }
        List<Op> ops = new ArrayList<>();
        ops.add(new Op(id + "-monitor-interval-30s", "monitor", "30s", Map.of("timeout", "30s"), List.of(), List.of()));
        String connectTimeout = meta(container, "remote-connect-timeout");
        if (connectTimeout != null) {
            ops.add(new Op(id + "-start-interval-0", "start", "0", Map.of("timeout", connectTimeout), List.of(),
                    List.of()));
        }
        List<NvSet> instance = params.isEmpty() ? List.of() : List.of(NvSet.of(id + "-instance_attributes", params));
        List<NvSet> meta = List.of(NvSet.of(id + "-meta_attributes", List.of(
                NvPair.of(id + "-meta_attributes-container", CONTAINER_META, container.id()),
                NvPair.of(id + "-meta_attributes-internal_rsc", "internal_rsc", "true"))));
        return Optional.of(new Primitive(id, "ocf", "pacemaker", "remote", null, Map.of(), instance, meta,
                List.of(), Operations.of(ops)));
    }

    private static String meta(Primitive p, String name) {
        return NvSets.firstValue(p.metaAttributes(), name).orElse(null);
    }
}
