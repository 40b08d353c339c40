package org.vigil.sim;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A simulation scenario as written in a YAML (or JSON) file.
 *
 * @param cib           the configuration as Pacemaker CIB XML (inline)
 * @param configuration the configuration in crm shell syntax, one command per line (alternative to cib)
 * @param resources     per-resource simulation details (memory for migrations, boot time)
 * @param timeline      events such as {@code crash node2 at 60s}, {@code partition [a,b] [c] at 2m for 30s}
 * @param duration      how much simulated time to run (e.g. {@code 30m})
 * @param expect        expectations such as {@code vm01 running within 90s of crash}
 * @param random        random faults for {@code --runs}
 */
public record Scenario(
        String name,
        String description,
        ClusterSpec cluster,
        String cib,
        String configuration,
        Map<String, ResourceSpec> resources,
        List<String> timeline,
        String duration,
        List<String> expect,
        RandomFaults random) {
    public Scenario {
        resources = resources == null ? Map.of() : Map.copyOf(resources);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
        expect = expect == null ? List.of() : List.copyOf(expect);
    }

    /** Nodes, rings, quorum and fencing. */
    public record ClusterSpec(
            List<String> nodes,
            Integer rings,
            QuorumSpec quorum,
            FencingSpec fencing,
            String latency,
            Double loss) {
        public ClusterSpec {
            nodes = nodes == null ? List.of() : List.copyOf(nodes);
        }
    }

    /** corosync votequorum options. */
    public record QuorumSpec(
            @JsonProperty("expected_votes") Integer expectedVotes,
            @JsonProperty("two_node") Boolean twoNode,
            @JsonProperty("wait_for_all") Boolean waitForAll,
            @JsonProperty("last_man_standing") Boolean lastManStanding,
            @JsonProperty("auto_tie_breaker") Boolean autoTieBreaker) {}

    /** The fence device. */
    public record FencingSpec(String delay, @JsonProperty("reboot_time") String rebootTime, Boolean fails) {}

    /** How a simulated resource behaves. */
    public record ResourceSpec(@JsonProperty("memory_gb") Integer memoryGb, String start, String stop) {}

    /** Random fault injection: one fault every {@code every} of simulated time, of the listed kinds. */
    public record RandomFaults(String every, List<String> kinds) {
        public RandomFaults {
            kinds = kinds == null ? List.of("crash", "hang", "partition", "monitor") : List.copyOf(kinds);
        }
    }
}
