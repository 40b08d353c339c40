package org.vigil.scheduler.stage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.cib.Booleans;
import org.vigil.cib.XmlElement;
import org.vigil.rules.RuleContext;
import org.vigil.scheduler.MetaAttributes;
import org.vigil.scheduler.Stage;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.resource.Utilization;

/** Cluster properties: fencing, quorum, symmetry, maintenance, placement strategy, ... */
public final class UnpackConfigStage implements Stage {
    @Override
    public String name() {
        return "unpack configuration";
    }

    @Override
    public void run(WorkingSet ws) {
        Map<String, String> p = new LinkedHashMap<>();
        MetaAttributes.fill(ws.cib.configuration().clusterProperties(), ws.rules(), p, false);
        ws.properties.putAll(p);
        String fencing = p.get("fencing-enabled") != null ? p.get("fencing-enabled") : p.get("stonith-enabled");
        ws.stonithEnabled = fencing == null || Booleans.isTrue(fencing);
        ws.symmetric = p.get("symmetric-cluster") == null || Booleans.isTrue(p.get("symmetric-cluster"));
        ws.noQuorumPolicy = p.getOrDefault("no-quorum-policy", "stop").trim().toLowerCase();
        ws.maintenanceMode = Booleans.isTrue(p.get("maintenance-mode"));
        ws.startFailureIsFatal = p.get("start-failure-is-fatal") == null
                || Booleans.isTrue(p.get("start-failure-is-fatal"));
        ws.stopOrphans = p.get("stop-orphan-resources") == null || Booleans.isTrue(p.get("stop-orphan-resources"));
        ws.stopOrphanActions = p.get("stop-orphan-actions") == null || Booleans.isTrue(p.get("stop-orphan-actions"));
        ws.stopEverything = Booleans.isTrue(p.get("stop-all-resources"));
        ws.startupFencing = p.get("startup-fencing") == null || Booleans.isTrue(p.get("startup-fencing"));
        ws.placementStrategy = p.getOrDefault("placement-strategy", "default").trim().toLowerCase();
        ws.utilization = new Utilization(ws.placementStrategy);
        ws.defaultStickiness = p.get("default-resource-stickiness");
        String limit = p.get("migration-limit");
        if (limit != null) {
            try {
                ws.migrationLimit = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                ws.warn("migration-limit is not a number: " + limit);
            }
        }
        ws.shutdownLock = Booleans.isTrue(p.get("shutdown-lock"));
        String lockLimit = p.get("shutdown-lock-limit");
        if (lockLimit != null) {
            try {
                ws.shutdownLockLimitMs = Math.max(0, org.vigil.rules.Durations.parseIntervalMs(lockLimit.trim()));
            } catch (IllegalArgumentException e) {
                ws.warn("shutdown-lock-limit is not a duration: " + lockLimit);
            }
        }
        String quorum = ws.cib.attribute("have-quorum");
        ws.haveQuorum = quorum == null || Booleans.isTrue(quorum);
        for (XmlElement e : ws.cib.configuration().extras()) {
            if (e.name().equals("tags")) {
                for (XmlElement tag : e.children("tag")) {
                    List<String> refs = new ArrayList<>();
                    for (XmlElement ref : tag.children("obj_ref")) {
                        if (ref.id() != null) {
                            refs.add(ref.id());
                        }
                    }
                    if (tag.id() != null) {
                        ws.tags.put(tag.id(), List.copyOf(refs));
                    }
                }
            }
        }
    }
}
