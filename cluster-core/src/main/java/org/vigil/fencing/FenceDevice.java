package org.vigil.fencing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.vigil.agents.AgentId;
import org.vigil.agents.fence.FenceAction;

/**
 * A fence device: a {@code class="stonith"} primitive with its instance attributes, Pacemaker's
 * {@code pcmk_*} device properties already checked by {@link FencingConfig}.
 *
 * @param params      the instance attributes as given (the agent gets them, minus {@code pcmk_*})
 * @param priority    the {@code priority} meta attribute; without topology, higher is tried first
 * @param hostList    {@code pcmk_host_list}
 * @param hostMap     {@code pcmk_host_map}: node name to the agent's port/plug
 * @param hostCheck   {@code pcmk_host_check}, or static-list when a list or map is given; empty means
 *                    "decide from the agent's meta-data" (dynamic-list if it has {@code list}, else
 *                    status if it has {@code status}, else none)
 * @param delayBase   {@code pcmk_delay_base}
 * @param delayMax    {@code pcmk_delay_max}
 */
public record FenceDevice(
        String id,
        AgentId agent,
        Map<String, String> params,
        int priority,
        List<String> hostList,
        Map<String, String> hostMap,
        Optional<HostCheck> hostCheck,
        Duration delayBase,
        Duration delayMax) {
    /** Pacemaker's default for {@code pcmk_<action>_retries}: attempts per action within its timeout. */
    static final int DEFAULT_ATTEMPTS = 2;

    public FenceDevice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(agent, "agent");
        params = Map.copyOf(params);
        hostList = List.copyOf(hostList);
        hostMap = Map.copyOf(hostMap);
        Objects.requireNonNull(hostCheck, "hostCheck");
        Objects.requireNonNull(delayBase, "delayBase");
        Objects.requireNonNull(delayMax, "delayMax");
    }

    /** The agent's name for the target: its {@code pcmk_host_map} entry, else the node name. */
    public String plugFor(String node) {
        for (Map.Entry<String, String> e : hostMap.entrySet()) {
            if (e.getKey().equalsIgnoreCase(node)) {
                return e.getValue();
            }
        }
        return node;
    }

    /** Whether {@code pcmk_host_list} or {@code pcmk_host_map} names the node (case-insensitively, as Pacemaker). */
    public boolean listsStatically(String node) {
        return hostList.stream().anyMatch(h -> h.equalsIgnoreCase(node))
                || hostMap.keySet().stream().anyMatch(h -> h.equalsIgnoreCase(node));
    }

    /**
     * The agent action that carries out a requested one ({@code pcmk_reboot_action} etc.: some
     * devices must be told "off" to do what the cluster calls a reboot).
     */
    public FenceAction agentAction(FenceAction requested) {
        return Optional.ofNullable(params.get("pcmk_" + requested.agentName() + "_action"))
                .flatMap(FenceAction::parse)
                .orElse(requested);
    }

    /** {@code pcmk_<action>_timeout}, else the cluster's {@code stonith-timeout}. */
    public Duration timeout(FenceAction requested, Duration clusterDefault) {
        String v = params.get("pcmk_" + requested.agentName() + "_timeout");
        if (v == null) {
            return clusterDefault;
        }
        return Duration.ofMillis(FencingConfig.durationMs(v));
    }

    /** {@code pcmk_<action>_retries}: how many times the action is tried (within its timeout). */
    public int attempts(FenceAction requested) {
        String v = params.get("pcmk_" + requested.agentName() + "_retries");
        return v == null ? DEFAULT_ATTEMPTS : Math.max(1, Integer.parseInt(v.trim()));
    }

    String describe() {
        return id + " (" + agent + ")";
    }
}
