package org.vigil.cts;

import java.nio.file.Path;
import java.util.List;

/** The corosync.conf every node of the suite's cluster reads: two rings, a cluster key, votequorum. */
final class CorosyncConf {
    private CorosyncConf() {}

    static String render(String clusterName, Path keyFile, List<String> nodes, ClusterNetwork net) {
        StringBuilder sb = new StringBuilder();
        sb.append("totem {\n    version: 2\n    cluster_name: ").append(clusterName).append('\n')
                .append("    crypto_cipher: aes256\n    crypto_hash: sha256\n    keyfile: ").append(keyFile).append('\n')
                .append("    rrp_mode: active\n");
        for (int ring = 0; ring <= 1; ring++) {
            sb.append("    interface {\n        ringnumber: ").append(ring).append("\n        mcastport: ")
                    .append(net.port(ring)).append("\n    }\n");
        }
        sb.append("}\nnodelist {\n");
        for (int i = 0; i < nodes.size(); i++) {
            String n = nodes.get(i);
            sb.append("    node {\n        name: ").append(n).append("\n        nodeid: ").append(i + 1)
                    .append("\n        ring0_addr: ").append(net.address(n, 0))
                    .append("\n        ring1_addr: ").append(net.address(n, 1)).append("\n    }\n");
        }
        // wait_for_all: nodes started together must not have quorum before each has seen all the others once,
        // or the first two would fence the third for not being there yet (startup fencing)
        sb.append("}\nquorum {\n    provider: corosync_votequorum\n    wait_for_all: 1\n}\n")
                .append("logging {\n    to_stderr: yes\n    timestamp: on\n}\n");
        return sb.toString();
    }
}
