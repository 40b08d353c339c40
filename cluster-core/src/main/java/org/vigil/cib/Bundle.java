package org.vigil.cib;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * A Pacemaker {@code bundle}: a container runtime (docker, podman or rkt) started {@code replicas} times, each
 * replica optionally with its own IP address and, when the bundle holds a primitive, a Pacemaker Remote
 * connection into the container that makes it a guest node for that primitive. The CIB keeps the bundle as the
 * XML it came in ({@link OpaqueResource}); this is its model, read with {@link #parse}.
 *
 * @param runtime   {@code docker}, {@code podman} or {@code rkt} with its attributes
 * @param network   the {@code network} element (an empty one when absent)
 * @param storage   the {@code storage-mapping}s in order
 * @param primitive the resource run inside the containers, or null
 */
public record Bundle(
        String id, Runtime runtime, Network network, List<StorageMapping> storage, Primitive primitive,
        List<NvSet> metaAttributes) {
    public Bundle {
        storage = Copies.list(storage);
        metaAttributes = Copies.list(metaAttributes);
    }

    /**
     * The container runtime element.
     *
     * @param kind           {@code docker}, {@code podman} or {@code rkt}
     * @param replicas       how many containers (default: promoted-max, or 1)
     * @param replicasPerHost at most this many on one node (default 1)
     * @param promotedMax    promoted instances of the primitive (0: not promotable through the bundle)
     * @param network        the container network ({@code network} attribute), or null
     * @param runCommand     the command run in the container, or null
     * @param options        extra options to the runtime, or null
     */
    public record Runtime(String kind, String image, int replicas, int replicasPerHost, int promotedMax,
            String network, String runCommand, String options) {}

    /** The {@code network} element: per-replica IP addresses and the ports mapped into each container. */
    public record Network(String ipRangeStart, String hostInterface, String hostNetmask, String controlPort,
            boolean addHost, List<PortMapping> ports) {
        public Network {
            ports = Copies.list(ports);
        }
    }

    /** A {@code port-mapping}: {@code port} (to {@code internal-port}, default the same) or a {@code range}. */
    public record PortMapping(String id, String port, String internalPort, String range) {}

    /**
     * A {@code storage-mapping}: {@code source-dir} as is, or {@code source-dir-root} with a per-replica
     * subdirectory named after the replica.
     */
    public record StorageMapping(String id, String sourceDir, String sourceDirRoot, String targetDir,
            String options) {}

    /** Whether the primitive inside is promotable through the bundle ({@code promoted-max} above 0). */
    public boolean promotable() {
        return runtime.promotedMax() > 0;
    }

    /** Reads a {@code <bundle>} element; a missing or malformed part is an error naming the bundle. */
    public static Bundle parse(XmlElement e) throws CibParseException {
        String id = e.id();
        String source = "bundle " + id;
        if (id == null || id.isBlank()) {
            throw new CibParseException("bundle", 0, "<bundle> has no id");
        }
        Runtime runtime = null;
        Network network = new Network(null, null, null, null, true, List.of());
        List<StorageMapping> storage = new ArrayList<>();
        Primitive primitive = null;
        List<NvSet> meta = new ArrayList<>();
        TreeToCib reader = new TreeToCib(source, new IdentityHashMap<>());
        for (XmlElement c : e.children()) {
            switch (c.name()) {
                case "docker", "podman", "rkt" -> {
                    if (runtime != null) {
                        throw new CibParseException(source, 0, "has more than one container runtime (<"
                                + runtime.kind() + "> and <" + c.name() + ">)");
                    }
                    runtime = runtime(source, c);
                }
                case "network" -> network = network(c);
                case "storage" -> {
                    for (XmlElement m : c.children("storage-mapping")) {
                        if (m.attribute("target-dir") == null
                                || m.attribute("source-dir") == null && m.attribute("source-dir-root") == null) {
                            throw new CibParseException(source, 0, "storage-mapping " + m.id()
                                    + " needs target-dir and source-dir or source-dir-root");
                        }
                        storage.add(new StorageMapping(m.id(), m.attribute("source-dir"),
                                m.attribute("source-dir-root"), m.attribute("target-dir"), m.attribute("options")));
                    }
                }
                case "primitive" -> primitive = reader.primitive(c);
                case "meta_attributes" -> meta.add(reader.nvSet(c));
                default -> {
                    // instance_attributes and unknown elements have no effect on a bundle, as in Pacemaker
                }
            }
        }
        if (runtime == null) {
            throw new CibParseException(source, 0, "has no container runtime (<docker>, <podman> or <rkt>)");
        }
        if (primitive != null && network.ipRangeStart() == null && network.controlPort() == null) {
            throw new CibParseException(source, 0, "cannot control " + primitive.id() + " inside " + id
                    + " without either ip-range-start or control-port (Pacemaker ignores such a bundle)");
        }
        if (network.ipRangeStart() == null && network.controlPort() != null && runtime.replicasPerHost() > 1) {
            // as Pacemaker: a fixed control port allows one replica per host
            runtime = new Runtime(runtime.kind(), runtime.image(), runtime.replicas(), 1, runtime.promotedMax(),
                    runtime.network(), runtime.runCommand(), runtime.options());
        }
        return new Bundle(id, runtime, network, storage, primitive, meta);
    }

    private static Runtime runtime(String source, XmlElement c) throws CibParseException {
        String image = c.attribute("image");
        if (image == null || image.isBlank()) {
            throw new CibParseException(source, 0, "<" + c.name() + "> has no image");
        }
        String promoted = c.attribute("promoted-max") != null ? c.attribute("promoted-max") : c.attribute("masters");
        int promotedMax = count(source, "promoted-max", promoted, 0, 0);
        int replicas = count(source, "replicas", c.attribute("replicas"), Math.max(1, promotedMax), 1);
        int perHost = count(source, "replicas-per-host", c.attribute("replicas-per-host"), 1, 1);
        return new Runtime(c.name(), image, replicas, perHost, promotedMax, c.attribute("network"),
                c.attribute("run-command"), c.attribute("options"));
    }

    private static int count(String source, String name, String value, int dflt, int min)
            throws CibParseException {
        if (value == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CibParseException(source, 0, name + "=\"" + value + "\" is not a whole number of at least " + min);
    }

    private static Network network(XmlElement c) {
        List<PortMapping> ports = new ArrayList<>();
        for (XmlElement p : c.children("port-mapping")) {
            ports.add(new PortMapping(p.id(), p.attribute("port"), p.attribute("internal-port"),
                    p.attribute("range")));
        }
        String addHost = c.attribute("add-host");
        return new Network(c.attribute("ip-range-start"), c.attribute("host-interface"),
                c.attribute("host-netmask"), c.attribute("control-port"), addHost == null || Booleans.isTrue(addHost),
                ports);
    }
}
