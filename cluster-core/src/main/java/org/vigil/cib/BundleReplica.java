package org.vigil.cib;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One replica of a {@link Bundle}, with the primitives Pacemaker generates for it and names as it does:
 * the container {@code BUNDLE-docker-N} (or {@code -podman-N}, {@code -rkt-N}) with the agent parameters
 * Pacemaker builds, the address {@code BUNDLE-ip-ADDR} ({@code ocf:heartbeat:IPaddr2}) when the network has an
 * {@code ip-range-start}, and the connection {@code BUNDLE-N} ({@code ocf:pacemaker:remote}) into the container
 * when the bundle holds a primitive; the connection makes the guest node {@code BUNDLE-N}.
 *
 * @param ip         the IPaddr2 primitive, or null
 * @param connection the remote connection (also the guest node's name), or null
 */
public record BundleReplica(int index, String address, Primitive container, Primitive ip, Primitive connection) {
    /** The port Pacemaker Remote listens on unless the network names a {@code control-port}. */
    public static final String DEFAULT_REMOTE_PORT = "3121";
    /** {@code addr} of a connection without an IP: the name of the node the container runs on. */
    public static final String HOST_NAME = "#uname";

    /** The guest node's name, or null when the replica has no connection. */
    public String guestNode() {
        return connection == null ? null : connection.id();
    }

    /** The replicas of a bundle, in order. */
    public static List<BundleReplica> of(Bundle b) {
        List<String> addresses = new ArrayList<>();
        String address = b.network().ipRangeStart();
        StringBuilder hosts = new StringBuilder();
        for (int i = 0; i < b.runtime().replicas(); i++) {
            if (i > 0 && address != null) {
                address = nextAddress(address);
            }
            addresses.add(address);
            if (address != null && b.network().addHost()) {
                hosts.append(" --add-host=").append(b.id()).append('-').append(i).append(':').append(address);
            }
        }
        List<BundleReplica> out = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            String a = addresses.get(i);
            Primitive ip = a == null ? null : ip(b, i, a);
            Primitive connection = b.primitive() == null ? null : connection(b, i, a);
            out.add(new BundleReplica(i, a, container(b, i, a, hosts.toString()), ip, connection));
        }
        return out;
    }

    /** Pacemaker's next_ip: the last octet counts up to 254, then the third one carries. */
    static String nextAddress(String last) {
        String[] parts = last.split("\\.");
        if (parts.length != 4) {
            return null;
        }
        try {
            int o3 = Integer.parseInt(parts[2]);
            int o4 = Integer.parseInt(parts[3]);
            if (o3 > 253) {
                return null;
            }
            if (o4 > 253) {
                o3++;
                o4 = 1;
            } else {
                o4++;
            }
            return parts[0] + "." + parts[1] + "." + o3 + "." + o4;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String controlPort(Bundle b) {
        return b.network().controlPort() != null ? b.network().controlPort() : DEFAULT_REMOTE_PORT;
    }

    private static Primitive ip(Bundle b, int i, String address) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("ip", address);
        if (b.network().hostInterface() != null) {
            p.put("nic", b.network().hostInterface());
        }
        p.put("cidr_netmask", b.network().hostNetmask() != null ? b.network().hostNetmask() : "32");
        String id = b.id() + "-ip-" + address;
        return primitive(id, "heartbeat", "IPaddr2", b.id() + "-attributes-" + i, p, List.of(), op(id, "60s", null));
    }

    private static Primitive connection(Bundle b, int i, String address) {
        String id = b.id() + "-" + i;
        Map<String, String> p = new LinkedHashMap<>();
        p.put("addr", address != null ? address : HOST_NAME);
        p.put("port", controlPort(b));
        List<NvPair> meta = List.of(NvPair.of(id + "-meta_attributes-internal", "internal_rsc", "true"),
                NvPair.of(id + "-meta_attributes-container", "container", containerId(b, i)));
        return primitive(id, "pacemaker", "remote", id + "-instance_attributes", p, meta, op(id, "30s", "30s"));
    }

    private static String containerId(Bundle b, int i) {
        return b.id() + "-" + b.runtime().kind() + "-" + i;
    }

    private static Primitive container(Bundle b, int i, String address, String hostOptions) {
        Bundle.Runtime rt = b.runtime();
        String name = b.id() + "-" + i;
        Map<String, String> p = new LinkedHashMap<>();
        p.put("image", rt.image());
        StringBuilder opts = new StringBuilder();
        List<String> mountPoints = new ArrayList<>();
        if (rt.kind().equals("rkt")) {
            if (address != null) {
                opts.append(" --hostname=").append(name);
            }
            opts.append(" --environment=PCMK_stderr=1");
            opts.append(" --environment=PCMK_remote_port=").append(controlPort(b));
            int n = 0;
            for (Mount m : mounts(b)) {
                String source = m.source(name);
                if (m.subdir()) {
                    mountPoints.add(source);
                }
                opts.append(" --volume vol").append(n).append(",kind=host,source=").append(source);
                if (m.options() != null) {
                    opts.append(',').append(m.options());
                }
                opts.append(" --mount volume=vol").append(n).append(",target=").append(m.target());
                n++;
            }
            for (Bundle.PortMapping port : ports(b)) {
                String target = port.internalPort() != null ? port.internalPort() : port.port();
                opts.append(" --port=").append(target).append(':');
                if (address != null) {
                    opts.append(address).append(':');
                }
                opts.append(port.port());
            }
        } else {
            p.put("allow_pull", "true");
            p.put("force_kill", "false");
            p.put("reuse", "false");
            if (rt.kind().equals("docker")) {
                opts.append(" --restart=no");
            }
            if (address != null) {
                opts.append(" -h ").append(name);
            }
            opts.append(" -e PCMK_stderr=1");
            if (rt.network() != null) {
                opts.append(" --net=").append(rt.network());
            }
            opts.append(" -e PCMK_remote_port=").append(controlPort(b));
            for (Mount m : mounts(b)) {
                String source = m.source(name);
                if (m.subdir()) {
                    mountPoints.add(source);
                }
                opts.append(" -v ").append(source).append(':').append(m.target());
                if (m.options() != null) {
                    opts.append(':').append(m.options());
                }
            }
            for (Bundle.PortMapping port : ports(b)) {
                String source = port.range() != null ? port.range() : port.port();
                String target = port.range() != null ? port.range()
                        : port.internalPort() != null ? port.internalPort() : port.port();
                if (address != null) {
                    opts.append(" -p ").append(address).append(':').append(source).append(':').append(target);
                } else if (!"host".equalsIgnoreCase(rt.network())) {
                    opts.append(" -p ").append(source).append(':').append(target);
                }
            }
        }
        if (rt.options() != null) {
            opts.append(' ').append(rt.options());
        }
        opts.append(' ').append(hostOptions);
        p.put("run_opts", opts.toString());
        p.put("mount_points", String.join(",", mountPoints));
        if (b.primitive() != null) {
            p.put("run_cmd", rt.runCommand() != null ? rt.runCommand() : "/usr/sbin/pacemaker-remoted");
        } else if (rt.runCommand() != null) {
            p.put("run_cmd", rt.runCommand());
        }
        p.put("monitor_cmd", "/bin/true");
        String id = containerId(b, i);
        return primitive(id, "heartbeat", rt.kind(), b.id() + "-attributes-" + i, p, List.of(), op(id, "60s", null));
    }

    /** A mount into every container: the user's storage mappings, then the ones Pacemaker Remote needs. */
    private record Mount(String sourceOrRoot, boolean subdir, String target, String options) {
        String source(String replicaName) {
            return subdir ? sourceOrRoot + "/" + replicaName : sourceOrRoot;
        }
    }

    private static List<Mount> mounts(Bundle b) {
        List<Mount> out = new ArrayList<>();
        for (Bundle.StorageMapping m : b.storage()) {
            boolean subdir = m.sourceDir() == null;
            out.add(new Mount(subdir ? m.sourceDirRoot() : m.sourceDir(), subdir, m.targetDir(), m.options()));
        }
        if (b.primitive() != null) {
            out.add(new Mount("/etc/pacemaker/authkey", false, "/etc/pacemaker/authkey", null));
            out.add(new Mount("/var/log/pacemaker/bundles", true, "/var/log", null));
        }
        return out;
    }

    /** The network's port mappings, then the control port when there is a connection to reach. */
    private static List<Bundle.PortMapping> ports(Bundle b) {
        List<Bundle.PortMapping> out = new ArrayList<>(b.network().ports());
        if (b.primitive() != null) {
            String port = controlPort(b);
            out.add(new Bundle.PortMapping(null, port, port, null));
        }
        return out;
    }

    private static Operations op(String id, String interval, String timeout) {
        Map<String, String> attrs = new LinkedHashMap<>();
        if (timeout != null) {
            attrs.put("timeout", timeout);
        }
        return Operations.of(List.of(new Op(id + "-monitor-" + interval, "monitor", interval, attrs, List.of(),
                List.of())));
    }

    private static Primitive primitive(String id, String provider, String type, String setId,
            Map<String, String> params, List<NvPair> meta, Operations ops) {
        List<NvPair> pairs = new ArrayList<>();
        params.forEach((k, v) -> pairs.add(NvPair.of(setId + "-" + k, k, v)));
        List<NvSet> metaSets = meta.isEmpty() ? List.of() : List.of(NvSet.of(id + "-meta_attributes", meta));
        return new Primitive(id, "ocf", provider, type, null, Map.of(), List.of(NvSet.of(setId, pairs)), metaSets,
                List.of(), ops);
    }
}
