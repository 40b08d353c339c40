package org.vigil.cts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One network namespace per node plus a "switch" namespace holding a bridge per ring; each node has a veth
 * pair per ring into the switch (ring 0 on 10.214.0.N/24, ring 1 on 10.214.1.N/24, as two separate networks).
 * Nothing is added to the host's own namespace, so deleting the namespaces removes everything; cuts are
 * nftables drop rules inside the cut node's namespace. The namespace names are written to {@code netns.list}
 * in the working directory so bin/vigil-cts can remove them even when this JVM is killed.
 */
final class NamespaceNetwork implements ClusterNetwork {
    static final String TABLE = "vigil_cts";
    private final Shell shell;
    private final String prefix;
    private final List<String> nodes;
    private final List<String> created = new ArrayList<>();
    private final Path registry;
    private String cutIn;

    private NamespaceNetwork(Shell shell, String prefix, List<String> nodes, Path registry) {
        this.shell = shell;
        this.prefix = prefix;
        this.nodes = List.copyOf(nodes);
        this.registry = registry;
    }

    /** Builds the namespaces; on any failure removes what it made and throws. */
    static NamespaceNetwork create(Shell shell, String tag, List<String> nodes, Path workDir) throws CtsException {
        NamespaceNetwork net = new NamespaceNetwork(shell, "vcts-" + tag + "-", nodes, workDir.resolve("netns.list"));
        try {
            net.build();
            return net;
        } catch (CtsException e) {
            net.close();
            throw e;
        }
    }

    private void build() throws CtsException {
        String sw = addNamespace("sw");
        for (int r = 0; r <= 1; r++) {
            shell.check(List.of("ip", "-n", sw, "link", "add", "br" + r, "type", "bridge"));
            shell.check(List.of("ip", "-n", sw, "link", "set", "br" + r, "up"));
        }
        for (int i = 0; i < nodes.size(); i++) {
            String ns = addNamespace("n" + (i + 1));
            for (int r = 0; r <= 1; r++) {
                String port = "n" + (i + 1) + "r" + r;
                shell.check(List.of("ip", "-n", sw, "link", "add", port, "type", "veth", "peer", "name", "r" + r,
                        "netns", ns));
                shell.check(List.of("ip", "-n", sw, "link", "set", port, "master", "br" + r));
                shell.check(List.of("ip", "-n", sw, "link", "set", port, "up"));
                shell.check(List.of("ip", "-n", ns, "addr", "add", address(nodes.get(i), r) + "/24", "dev", "r" + r));
                shell.check(List.of("ip", "-n", ns, "link", "set", "r" + r, "up"));
            }
        }
    }

    private String addNamespace(String suffix) throws CtsException {
        String ns = prefix + suffix;
        shell.check(List.of("ip", "netns", "add", ns));
        created.add(ns);
        try {
            Files.writeString(registry, ns + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new CtsException("cannot write " + registry + ": " + e.getMessage());
        }
        shell.check(List.of("ip", "-n", ns, "link", "set", "lo", "up"));
        return ns;
    }

    private String namespace(String node) {
        return prefix + "n" + (nodes.indexOf(node) + 1);
    }

    @Override
    public String describe() {
        return "network namespaces " + prefix + "n1.." + prefix + "n" + nodes.size() + " (ring 0 on 10.214.0.0/24, ring 1 on "
                + "10.214.1.0/24, bridged in " + prefix + "sw)";
    }

    @Override
    public List<String> launchPrefix(String node) {
        return List.of("ip", "netns", "exec", namespace(node));
    }

    @Override
    public String address(String node, int ring) {
        return "10.214." + ring + "." + (nodes.indexOf(node) + 11);
    }

    @Override
    public int port(int ring) {
        return ring == 0 ? 5405 : 5415;
    }

    @Override
    public String cutsUnavailable() {
        Shell.Result r = shell.run(List.of("ip", "netns", "exec", namespace(nodes.get(0)), "nft", "list", "tables"));
        return r.ok() ? null : "nft does not work in the namespaces (" + r.firstLine() + ")";
    }

    @Override
    public void isolate(String node) throws CtsException {
        cut(node, List.of(0, 1));
    }

    @Override
    public void cutRing(String node, int ring) throws CtsException {
        cut(node, List.of(ring));
    }

    private void cut(String node, List<Integer> rings) throws CtsException {
        heal();
        List<String> peers = new ArrayList<>();
        for (String other : nodes) {
            if (!other.equals(node)) {
                rings.forEach(r -> peers.add(address(other, r)));
            }
        }
        shell.check(List.of("ip", "netns", "exec", namespace(node), "nft", "-f", "-"),
                ClusterNetwork.dropTable(TABLE, peers, false, List.of()));
        cutIn = node;
    }

    @Override
    public void heal() throws CtsException {
        if (cutIn != null) {
            shell.check(List.of("ip", "netns", "exec", namespace(cutIn), "nft", "delete", "table", "inet", TABLE));
            cutIn = null;
        }
    }

    @Override
    public void close() {
        for (int i = created.size() - 1; i >= 0; i--) {
            shell.run(List.of("ip", "netns", "del", created.get(i)));
        }
        created.clear();
    }
}
