package org.vigil.fencing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.vigil.agents.AgentId;
import org.vigil.agents.fence.FenceAction;
import org.vigil.cib.Cib;
import org.vigil.cib.NvSets;
import org.vigil.cib.Primitive;
import org.vigil.cib.Resources;
import org.vigil.cib.XmlElement;
import org.vigil.rules.Durations;

/**
 * The fencing part of a CIB: usable fence devices, topology levels and {@code stonith-timeout}.
 * A device or level with a setting that cannot be understood is left out and named in
 * {@link #problems()}, so a typo makes fencing fail visibly rather than act on a guess.
 */
public record FencingConfig(List<FenceDevice> devices, List<FencingLevel> levels, Duration defaultTimeout,
        Map<String, Map<String, String>> nodeAttributes, List<String> problems) {
    /** Pacemaker's {@code stonith-timeout} default. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern LIST_SEPARATORS = Pattern.compile("[\\s,;]+");
    private static final List<String> ACTIONS = List.of("reboot", "off", "on", "list", "status", "monitor");

    public FencingConfig {
        devices = List.copyOf(devices);
        levels = List.copyOf(levels);
        nodeAttributes = Map.copyOf(nodeAttributes);
        problems = List.copyOf(problems);
    }

    public Optional<FenceDevice> device(String id) {
        return devices.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /**
     * Without topology, devices in the order Pacemaker tries them: higher {@code priority} first,
     * then by id.
     */
    public List<FenceDevice> devicesInOrder() {
        return devices.stream()
                .sorted(Comparator.comparingInt(FenceDevice::priority).reversed().thenComparing(FenceDevice::id))
                .toList();
    }

    /**
     * The topology for a node, levels by index; empty when none applies. A level naming the node
     * wins over patterns and attributes; otherwise the first matching target in document order.
     */
    public List<FencingLevel> levelsFor(String node) {
        Map<String, String> attrs = nodeAttributes.getOrDefault(node, Map.of());
        Optional<String> key = levels.stream()
                .filter(l -> l.target() instanceof LevelTarget.Name && l.target().matches(node, attrs))
                .map(l -> l.target().key())
                .findFirst()
                .or(() -> levels.stream().filter(l -> l.target().matches(node, attrs)).map(l -> l.target().key()).findFirst());
        if (key.isEmpty()) {
            return List.of();
        }
        return levels.stream()
                .filter(l -> l.target().key().equals(key.get()))
                .sorted(Comparator.comparingInt(FencingLevel::index))
                .toList();
    }

    public static FencingConfig from(Cib cib) {
        List<String> problems = new ArrayList<>();
        Duration timeout = clusterTimeout(cib, problems);
        List<FenceDevice> devices = new ArrayList<>();
        for (Primitive p : Resources.primitives(cib.configuration().resources())) {
            if (!"stonith".equals(p.resourceClass())) {
                continue;
            }
            String role = NvSets.firstValue(p.metaAttributes(), "target-role").orElse("Started");
            if (role.equalsIgnoreCase("Stopped")) {
                continue;
            }
            try {
                devices.add(device(p));
            } catch (IllegalArgumentException e) {
                problems.add("fence device " + p.id() + " not used: " + e.getMessage());
            }
        }
        List<FencingLevel> levels = new ArrayList<>();
        for (XmlElement section : cib.configuration().extras()) {
            if (section.name().equals("fencing-topology")) {
                for (XmlElement level : section.children("fencing-level")) {
                    try {
                        levels.add(level(level));
                    } catch (IllegalArgumentException e) {
                        problems.add("fencing level " + level.id() + " not used: " + e.getMessage());
                    }
                }
            }
        }
        Map<String, Map<String, String>> attrs = new LinkedHashMap<>();
        cib.configuration().nodes().forEach(n -> {
            if (n.uname() != null) {
                attrs.put(n.uname(), NvSets.unconditional(n.instanceAttributes()));
            }
        });
        return new FencingConfig(devices, levels, timeout, attrs, problems);
    }

    private static Duration clusterTimeout(Cib cib, List<String> problems) {
        var props = cib.configuration().clusterProperties();
        Optional<String> v = NvSets.firstValue(props, "fencing-timeout").or(() -> NvSets.firstValue(props, "stonith-timeout"));
        if (v.isEmpty()) {
            return DEFAULT_TIMEOUT;
        }
        long ms = Durations.parseIntervalMs(v.get());
        if (ms <= 0) {
            problems.add("cluster property stonith-timeout '" + v.get() + "' is not a positive duration (e.g. 60s); using 60s");
            return DEFAULT_TIMEOUT;
        }
        return Duration.ofMillis(ms);
    }

    static FenceDevice device(Primitive p) {
        Map<String, String> params = NvSets.unconditional(p.instanceAttributes());
        for (String action : ACTIONS) {
            check(params, "pcmk_" + action + "_timeout", v -> durationMs(v) > 0, "a positive duration such as 60s");
            check(params, "pcmk_" + action + "_retries", FencingConfig::isCount, "a whole number of attempts");
            // list runs without a target, so it cannot become an action that needs one
            boolean needsTarget = !action.equals("list");
            check(params, "pcmk_" + action + "_action",
                    v -> FenceAction.parse(v.trim()).filter(a -> needsTarget || !a.needsTarget()).isPresent(),
                    needsTarget ? "an agent action such as reboot or off" : "an agent action without a target, such as list");
        }
        check(params, "pcmk_delay_base", v -> durationMs(v) >= 0, "a duration such as 5s");
        check(params, "pcmk_delay_max", v -> durationMs(v) >= 0, "a duration such as 15s");
        List<String> hostList = split(params.get("pcmk_host_list"));
        Map<String, String> hostMap = hostMap(params.get("pcmk_host_map"));
        Optional<HostCheck> hostCheck;
        String check = params.get("pcmk_host_check");
        if (check != null) {
            hostCheck = Optional.of(HostCheck.parse(check).orElseThrow(() -> new IllegalArgumentException(
                    "pcmk_host_check '" + check + "': expected static-list, dynamic-list, status or none")));
            if (hostCheck.get() == HostCheck.STATIC_LIST && hostList.isEmpty() && hostMap.isEmpty()) {
                throw new IllegalArgumentException("pcmk_host_check=static-list needs pcmk_host_list or pcmk_host_map");
            }
        } else if (!hostList.isEmpty() || !hostMap.isEmpty()) {
            hostCheck = Optional.of(HostCheck.STATIC_LIST);
        } else {
            hostCheck = Optional.empty();
        }
        int priority = 0;
        Optional<String> prio = NvSets.firstValue(p.metaAttributes(), "priority");
        if (prio.isPresent()) {
            try {
                priority = Integer.parseInt(prio.get().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("meta attribute priority '" + prio.get() + "': expected an integer");
            }
        }
        if (p.type() == null || p.type().isBlank()) {
            throw new IllegalArgumentException("no type (the fence agent, e.g. fence_ipmilan)");
        }
        Duration base = Duration.ofMillis(durationMs(params.getOrDefault("pcmk_delay_base", "0")));
        Duration max = Duration.ofMillis(durationMs(params.getOrDefault("pcmk_delay_max", "0")));
        return new FenceDevice(p.id(), AgentId.stonith(p.type()), params, priority, hostList, hostMap, hostCheck, base, max);
    }

    static FencingLevel level(XmlElement e) {
        String index = e.attribute("index");
        int idx;
        try {
            idx = Integer.parseInt(index == null ? "" : index.trim());
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("index '" + index + "': expected a positive integer");
        }
        if (idx < 1) {
            throw new IllegalArgumentException("index " + idx + ": expected a positive integer");
        }
        List<String> devices = split(e.attribute("devices"));
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("no devices (expected devices=\"dev1,dev2\")");
        }
        LevelTarget target;
        if (e.attribute("target") != null) {
            target = new LevelTarget.Name(e.attribute("target"));
        } else if (e.attribute("target-pattern") != null) {
            try {
                target = new LevelTarget.NamePattern(Pattern.compile(e.attribute("target-pattern")));
            } catch (PatternSyntaxException ex) {
                throw new IllegalArgumentException("target-pattern '" + e.attribute("target-pattern") + "' is not a regular expression: "
                        + ex.getDescription());
            }
        } else if (e.attribute("target-attribute") != null && e.attribute("target-value") != null) {
            target = new LevelTarget.Attribute(e.attribute("target-attribute"), e.attribute("target-value"));
        } else {
            throw new IllegalArgumentException("no target: expected target, target-pattern, or target-attribute with target-value");
        }
        return new FencingLevel(e.id(), idx, target, devices);
    }

    /** Milliseconds, or -1 when the text is not a duration. */
    static long durationMs(String text) {
        return Durations.parseIntervalMs(text);
    }

    private static boolean isCount(String v) {
        try {
            return Integer.parseInt(v.trim()) >= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void check(Map<String, String> params, String name, java.util.function.Predicate<String> ok, String expected) {
        String v = params.get(name);
        if (v != null && !ok.test(v)) {
            throw new IllegalArgumentException(name + " '" + v + "': expected " + expected);
        }
    }

    static List<String> split(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return List.of(LIST_SEPARATORS.split(list.trim()));
    }

    /** {@code node1:port1;node2:port2} (Pacemaker also takes {@code =} and space/comma separators). */
    static Map<String, String> hostMap(String map) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String entry : split(map)) {
            int colon = entry.indexOf(':');
            int eq = entry.indexOf('=');
            int at = colon < 0 ? eq : eq < 0 ? colon : Math.min(colon, eq);
            if (at <= 0 || at == entry.length() - 1) {
                throw new IllegalArgumentException("pcmk_host_map entry '" + entry + "': expected node:port");
            }
            out.put(entry.substring(0, at), entry.substring(at + 1));
        }
        return out;
    }
}
