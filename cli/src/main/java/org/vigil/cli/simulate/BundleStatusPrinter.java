package org.vigil.cli.simulate;

import java.io.PrintWriter;
import org.vigil.scheduler.ClusterView;

/**
 * A bundle in crm_mon's layout: {@code Container bundle set: NAME [IMAGE]:} (without "set" for one replica),
 * then one line per replica with the state of the primitive inside and the node its container runs on.
 */
final class BundleStatusPrinter {
    private BundleStatusPrinter() {}

    static void print(PrintWriter out, ClusterView.ResourceView bundle, String indent) {
        StringBuilder head = new StringBuilder(indent).append("* Container bundle")
                .append(bundle.children().size() > 1 ? " set" : "").append(": ").append(bundle.id())
                .append(" [").append(bundle.agent()).append("]");
        if (!bundle.managed()) {
            head.append(" (unmanaged)");
        }
        if (bundle.disabled()) {
            head.append(" (disabled)");
        }
        out.println(head.append(':'));
        for (ClusterView.ResourceView r : bundle.children()) {
            out.println(indent + "  * " + replicaLine(r));
        }
    }

    private static String replicaLine(ClusterView.ResourceView r) {
        StringBuilder sb = new StringBuilder(r.id()).append("\t(").append(r.agent()).append("):\t ");
        sb.append(r.failed() ? "FAILED" : r.role());
        if (!r.nodes().isEmpty()) {
            sb.append(' ').append(r.nodes().get(0));
        }
        if (!r.managed()) {
            sb.append(r.failed() ? " (blocked)" : " (unmanaged)");
        }
        return sb.toString();
    }
}
