package org.vigil.cts;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The fallback when namespaces cannot be made: every node on this host's loopback, ring 0 on 127.B.0.N and ring 1
 * on 127.B.1.N (B chosen per run so two runs do not share addresses), free ports picked at start. Cuts are an
 * nftables table of the suite's own in the host's namespace, matching the cut node's addresses; a daemon whose
 * sockets leave from another source address than its ring's escapes them (the namespaces do not have that hole).
 */
final class LoopbackNetwork implements ClusterNetwork {
    private final Shell shell;
    private final List<String> nodes;
    private final int block;
    private final int[] ports;
    private final String table;
    private final Path registry;
    private boolean tableMade;

    private LoopbackNetwork(Shell shell, String tag, List<String> nodes, int block, int[] ports, Path registry) {
        this.shell = shell;
        this.nodes = List.copyOf(nodes);
        this.block = block;
        this.ports = ports;
        this.table = "vigil_cts_" + tag;
        this.registry = registry;
    }

    static LoopbackNetwork create(Shell shell, String tag, List<String> nodes, Random random, Path workDir)
            throws CtsException {
        int block = 100 + random.nextInt(100);
        int[] ports = new int[2];
        for (int ring = 0; ring <= 1; ring++) {
            ports[ring] = freePort(random, nodes.size(), block, ring == 1 ? ports[0] : -1);
        }
        return new LoopbackNetwork(shell, tag, nodes, block, ports, workDir.resolve("nft.list"));
    }

    /** A port free on every node's address of both rings (and its neighbours, which JGroups may also use). */
    private static int freePort(Random random, int nodes, int block, int avoid) throws CtsException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int p = 20000 + random.nextInt(20000);
            if (Math.abs(p - avoid) < 200) {
                continue;
            }
            boolean free = true;
            for (int ring = 0; ring <= 1 && free; ring++) {
                for (int n = 1; n <= nodes && free; n++) {
                    free = bindable("127." + block + "." + ring + "." + n, p);
                }
            }
            if (free) {
                return p;
            }
        }
        throw new CtsException("no free port found on 127." + block + ".0.0/16");
    }

    private static boolean bindable(String address, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(address), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String describe() {
        return "loopback: ring 0 on 127." + block + ".0.1-" + nodes.size() + ", ring 1 on 127." + block + ".1.1-"
                + nodes.size() + " (no network namespaces: partitions match addresses only)";
    }

    @Override
    public List<String> launchPrefix(String node) {
        return List.of();
    }

    @Override
    public String address(String node, int ring) {
        return "127." + block + "." + ring + "." + (nodes.indexOf(node) + 1);
    }

    @Override
    public int port(int ring) {
        return ports[ring];
    }

    @Override
    public String cutsUnavailable() {
        Shell.Result r = shell.run(List.of("nft", "list", "tables"));
        return r.ok() ? null : "nft does not work here (" + r.firstLine() + ")";
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
        List<String> own = new ArrayList<>();
        List<String> peers = new ArrayList<>();
        for (int r : rings) {
            own.add(address(node, r));
            for (String other : nodes) {
                if (!other.equals(node)) {
                    peers.add(address(other, r));
                }
            }
        }
        try {
            Files.writeString(registry, table + "\n");
        } catch (IOException e) {
            throw new CtsException("cannot write " + registry + ": " + e.getMessage());
        }
        shell.check(List.of("nft", "-f", "-"), ClusterNetwork.dropTable(table, peers, true, own));
        tableMade = true;
    }

    @Override
    public void heal() throws CtsException {
        if (tableMade) {
            shell.check(List.of("nft", "delete", "table", "inet", table));
            tableMade = false;
        }
    }

    @Override
    public void close() {
        if (tableMade) {
            shell.run(List.of("nft", "delete", "table", "inet", table));
            tableMade = false;
        }
    }
}
