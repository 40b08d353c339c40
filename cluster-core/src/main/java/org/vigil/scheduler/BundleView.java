package org.vigil.scheduler;

import java.util.ArrayList;
import java.util.List;
import org.vigil.scheduler.resource.BundleRsc;
import org.vigil.scheduler.resource.Rsc;

/**
 * A bundle as crm_mon shows it: one line per replica, named after the replica's connection (or container when
 * the bundle holds no primitive) with its address, showing the primitive inside (or the container) and the node
 * the container runs on (Pacemaker's pe__bundle_replica_output_text).
 */
final class BundleView {
    private BundleView() {}

    static ClusterView.ResourceView of(WorkingSet ws, BundleRsc b, boolean revised) {
        boolean disabled = "stopped".equalsIgnoreCase(String.valueOf(b.meta.get("target-role")));
        List<ClusterView.ResourceView> replicas = new ArrayList<>();
        for (BundleRsc.Replica r : b.replicas) {
            ClusterView.ResourceView container = ViewBuilder.view(ws, r.container(), revised);
            Rsc inner = b.clone == null || r.index() >= b.clone.children.size() ? null
                    : b.clone.children.get(r.index());
            ClusterView.ResourceView shown = inner == null ? container : ViewBuilder.view(ws, inner, revised);
            String name = (r.connection() != null ? r.connection().id : r.container().id)
                    + (r.ip() != null ? " (" + r.ip().definition.instanceAttributes().get(0).value("ip").orElse("")
                            + ")" : "");
            String role = inner != null && shown.nodes().isEmpty() ? "Stopped" : shown.role();
            replicas.add(new ClusterView.ResourceView(name, "replica", shown.agent(), role, container.nodes(),
                    shown.failed() || container.failed(), shown.managed() && container.managed(), false, false,
                    false, shown.disabled(), List.of()));
        }
        String image = ws.bundles.containsKey(b.id) ? ws.bundles.get(b.id).runtime().image() : "";
        return new ClusterView.ResourceView(b.id, "bundle", image, b.role.text(), List.of(), false, b.managed,
                false, b.clone != null && b.clone.isPromotableClone(), false, disabled, replicas);
    }
}
