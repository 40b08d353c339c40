package org.vigil.membership;

import java.util.List;

/**
 * A member in a process of its own, for tests that must stop a whole JVM (SIGSTOP) as a hung machine would
 * be: two rings, TLS with the test key of the given seed. Prints "up" once in the view, runs until stdin closes.
 * Arguments: ringBase basePort keySeed name node...
 */
final class ChildNode {
    private ChildNode() {}

    public static void main(String[] args) throws Exception {
        int ringBase = Integer.parseInt(args[0]);
        int basePort = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        String name = args[3];
        List<String> names = List.of(args).subList(4, args.length);
        try (LocalCluster c = new LocalCluster(names, ringBase, basePort)) {
            c.startWithTwoRings(name, ClusterTls.socketFactory(LocalCluster.key(seed), c.clusterName));
            c.await(name, v -> v.members().size() == names.size(), "everyone");
            System.out.println("up");
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until the test closes our stdin (or dies)
            }
        }
    }
}
