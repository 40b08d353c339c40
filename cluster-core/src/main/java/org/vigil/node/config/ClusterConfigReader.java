package org.vigil.node.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vigil.membership.QuorumConfig;

/**
 * Gives the settings of a parsed corosync.conf their meaning for Vigil. Every setting is either used,
 * or named in a warning that says why it is not (so nothing is ignored silently); values that cannot be
 * used are errors.
 */
public final class ClusterConfigReader {
    static final int DEFAULT_PORT = 5405;
    private static final int MAX_RINGS = 2;

    /** Settings Vigil understands but does not need, with the reason given to the user. */
    private static final Map<String, String> TOTEM_UNUSED = Map.ofEntries(
            Map.entry("token_retransmits_before_loss_const", "Vigil's failure detection has its own timers"),
            Map.entry("token_retransmit", "Vigil's failure detection has its own timers"),
            Map.entry("join", "membership timing is Vigil's own (JGroups)"),
            Map.entry("consensus", "membership timing is Vigil's own (JGroups)"),
            Map.entry("merge", "membership timing is Vigil's own (JGroups)"),
            Map.entry("downcheck", "membership timing is Vigil's own (JGroups)"),
            Map.entry("fail_recv_const", "membership timing is Vigil's own (JGroups)"),
            Map.entry("seqno_unchanged_const", "membership timing is Vigil's own (JGroups)"),
            Map.entry("send_join", "membership timing is Vigil's own (JGroups)"),
            Map.entry("max_messages", "Vigil's transport does its own flow control"),
            Map.entry("window_size", "Vigil's transport does its own flow control"),
            Map.entry("netmtu", "Vigil's transport is TCP; it fragments by itself"),
            Map.entry("vsftype", "Vigil has no virtual synchrony filter to choose"),
            Map.entry("threads", "Vigil chooses its own threads"),
            Map.entry("clear_node_high_bit", "only affects nodeids derived from addresses"),
            Map.entry("ip_version", "Vigil resolves addresses as IPv4 (java.net.preferIPv4Stack)"),
            Map.entry("heartbeat_failures_allowed", "Vigil's failure detection has its own timers"),
            Map.entry("knet_pmtud_interval", "Vigil does not use kronosnet"),
            Map.entry("knet_compression_model", "Vigil does not use kronosnet"),
            Map.entry("block_unlisted_ips", "Vigil only ever connects to the nodelist's addresses"));

    private static final Map<String, String> INTERFACE_UNUSED = Map.ofEntries(
            Map.entry("mcastaddr", "Vigil does not use multicast; nodes connect over TCP to the nodelist's addresses"),
            Map.entry("broadcast", "Vigil does not use broadcast; nodes connect over TCP to the nodelist's addresses"),
            Map.entry("ttl", "Vigil does not use multicast"),
            Map.entry("knet_transport", "Vigil's transport is TCP"),
            Map.entry("knet_link_priority", "Vigil uses every ring at once"),
            Map.entry("knet_ping_interval", "Vigil's failure detection has its own timers"),
            Map.entry("knet_ping_timeout", "Vigil's failure detection has its own timers"),
            Map.entry("knet_ping_precision", "Vigil's failure detection has its own timers"),
            Map.entry("knet_pong_count", "Vigil's failure detection has its own timers"));

    private static final Map<String, String> LOGGING_UNUSED = Map.ofEntries(
            Map.entry("to_syslog", "Vigil writes to stderr (the journal under systemd) and to logfile"),
            Map.entry("syslog_facility", "Vigil does not write to syslog directly"),
            Map.entry("syslog_priority", "Vigil does not write to syslog directly"),
            Map.entry("logfile_priority", "Vigil logs at one level (debug: on/off)"),
            Map.entry("fileline", "Vigil's log lines name the component, not the source line"),
            Map.entry("function_name", "Vigil's log lines name the component, not the function"),
            Map.entry("logger_subsys", "Vigil has no corosync subsystems to log separately"));

    private static final Map<String, String> QUORUM_UNUSED = Map.ofEntries(
            Map.entry("allow_downscale", "not supported by Vigil's votequorum"),
            Map.entry("expected_votes_tracking", "not supported by Vigil's votequorum"),
            Map.entry("device", "quorum devices (corosync-qdevice) are not supported"));

    private static final Map<String, String> SECTION_UNUSED = Map.ofEntries(
            Map.entry("amf", "corosync's AMF service does not exist in Vigil"),
            Map.entry("service", "Vigil is itself the resource manager; no service plugin is loaded"),
            Map.entry("aisexec", "Vigil runs as the user systemd starts it as"),
            Map.entry("uidgid", "Vigil's IPC permissions are its own"),
            Map.entry("resources", "corosync's watchdog resources are not used"),
            Map.entry("system", "corosync's process settings are not used"),
            Map.entry("qb", "libqb settings are not used"),
            Map.entry("nozzle", "kronosnet's nozzle device is not used"));

    private final String source;
    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private ClusterConfigReader(String source) {
        this.source = source;
    }

    public static ConfigCheck read(ConfSection root, String source) {
        return new ClusterConfigReader(source).read(root);
    }

    private ConfigCheck read(ConfSection root) {
        for (ConfSection.Setting s : root.settings()) {
            warn(s.line(), "'" + s.key() + "' outside any section is not used");
        }
        for (ConfSection s : root.sections()) {
            if (!Set.of("totem", "nodelist", "quorum", "logging", "vigil").contains(s.name())) {
                String why = SECTION_UNUSED.getOrDefault(s.name(), "unknown section");
                warn(s.line(), "section '" + s.name() + "' is not used: " + why);
            }
        }
        ConfSection totem = single(root, "totem");
        Totem t = totem == null ? null : readTotem(totem);
        if (totem == null) {
            error(1, "expected a 'totem { ... }' section");
            t = new Totem(null, List.of(new LinkConfig(0, null, DEFAULT_PORT)), null, null, List.of());
        }
        List<ClusterNode> nodes = readNodes(root, t);
        QuorumConfig quorum = readQuorum(root, nodes);
        LoggingConfig logging = readLogging(root);
        ServicesConfig services = readServices(root);
        if (!errors.isEmpty()) {
            return new ConfigCheck(null, errors, warnings);
        }
        return new ConfigCheck(new ClusterConfig(source, t.clusterName, nodes, t.links, t.keyFile, t.token, quorum,
                logging, services), errors, warnings);
    }

    private record Totem(String clusterName, List<LinkConfig> links, String keyFile, Duration token,
            List<List<String>> members) {}

    private Totem readTotem(ConfSection totem) {
        Settings s = new Settings(totem);
        s.take("version").ifPresent(v -> {
            if (!v.value().equals("2")) {
                error(v.line(), "expected 'version: 2', got '" + v.value() + "'");
            }
        });
        String clusterName = s.take("cluster_name").map(ConfSection.Setting::value).orElse(null);
        if (clusterName == null) {
            warn(totem.line(), "no cluster_name: the cluster is named 'vigil'");
            clusterName = "vigil";
        }
        Duration token = s.take("token").map(v -> Duration.ofMillis(integer(v, 1, Integer.MAX_VALUE))).orElse(null);
        if (token != null) {
            warn(s.lineOf("token"), "token: " + token.toMillis() + " ms is not used: Vigil notices a crashed node"
                    + " within about 1 s and a hung one within about 3 s");
        }
        s.take("transport").ifPresent(v -> {
            if (!Set.of("udp", "udpu", "knet", "tcp").contains(v.value())) {
                error(v.line(), "expected transport udp, udpu or knet, got '" + v.value() + "'");
            } else {
                warn(v.line(), "transport: " + v.value() + " is not used: Vigil always connects nodes over TCP");
            }
        });
        String mode = null;
        for (String key : List.of("rrp_mode", "link_mode")) {
            var m = s.take(key);
            if (m.isPresent()) {
                mode = m.get().value();
                if (!Set.of("none", "passive", "active", "rr").contains(mode)) {
                    error(m.get().line(), "expected " + key + " none, passive or active, got '" + mode + "'");
                }
            }
        }
        String keyFile = readCrypto(s);
        List<LinkConfig> links = new ArrayList<>();
        List<List<String>> members = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (ConfSection iface : totem.sections()) {
            if (!iface.name().equals("interface")) {
                warn(iface.line(), "section 'totem." + iface.name() + "' is not used: unknown section");
                continue;
            }
            Settings is = new Settings(iface);
            int number = is.take("ringnumber").or(() -> is.take("linknumber"))
                    .map(v -> integer(v, 0, 7)).orElse(links.size());
            if (!seen.add(number)) {
                error(iface.line(), "expected one interface per ring, ring " + number + " is configured twice");
            }
            String bind = is.take("bindnetaddr").map(ConfSection.Setting::value).orElse(null);
            int port = is.take("mcastport").map(v -> integer(v, 1, 65535)).orElse(DEFAULT_PORT);
            List<String> ringMembers = new ArrayList<>();
            for (ConfSection member : iface.sections()) {
                if (!member.name().equals("member")) {
                    warn(member.line(), "section 'interface." + member.name() + "' is not used: unknown section");
                    continue;
                }
                Settings ms = new Settings(member);
                ms.take("memberaddr").ifPresentOrElse(a -> ringMembers.add(a.value()),
                        () -> error(member.line(), "expected 'memberaddr:' in member section"));
                ms.warnRest("totem.interface.member", Map.of());
            }
            is.warnRest("totem.interface", INTERFACE_UNUSED);
            if (number < MAX_RINGS) {
                links.add(new LinkConfig(number, bind, port));
                while (members.size() <= number) {
                    members.add(List.of());
                }
                members.set(number, ringMembers);
            } else {
                warn(iface.line(), "ring " + number + " is not used: Vigil uses rings 0 and 1");
            }
        }
        s.warnRest("totem", TOTEM_UNUSED);
        links.sort(java.util.Comparator.comparingInt(LinkConfig::number));
        if (links.isEmpty()) {
            links.add(new LinkConfig(0, null, DEFAULT_PORT));
        }
        if (links.get(0).number() != 0) {
            error(totem.line(), "expected an interface for ring 0");
        }
        if ("none".equals(mode) && links.size() > 1) {
            warn(s.lineOf("rrp_mode"), "rrp_mode: none with " + links.size() + " interfaces: only ring 0 is used");
            links = List.of(links.get(0));
        } else if (links.size() > 1 && "passive".equals(mode)) {
            warn(s.lineOf("rrp_mode"), "rrp_mode: passive is not used as such: Vigil sends every frame on both rings"
                    + " (like active) and keeps a node while either ring reaches it");
        }
        return new Totem(clusterName, links, keyFile, token, members);
    }

    /** corosync 2's secauth and corosync 3's crypto_* both mean: only nodes holding the key may talk. */
    private String readCrypto(Settings s) {
        boolean secure = false;
        var secauth = s.take("secauth");
        if (secauth.isPresent()) {
            secure = bool(secauth.get());
        }
        for (String key : List.of("crypto_cipher", "crypto_hash")) {
            var c = s.take(key);
            if (c.isPresent() && !c.get().value().equals("none")) {
                secure = true;
                warn(c.get().line(), key + ": " + c.get().value() + " is not used as such: Vigil protects"
                        + " traffic with TLS 1.3 keyed by the cluster key");
            }
        }
        s.take("crypto_model").ifPresent(v -> warn(v.line(), "crypto_model: " + v.value()
                + " is not used: Vigil protects traffic with TLS 1.3 keyed by the cluster key"));
        var keyFile = s.take("keyfile");
        if (!secure) {
            keyFile.ifPresent(k -> warn(k.line(), "keyfile is not used: traffic is not authenticated (secauth/crypto off)"));
            return null;
        }
        return keyFile.map(ConfSection.Setting::value).orElse(ClusterConfig.DEFAULT_KEY_FILE);
    }

    private List<ClusterNode> readNodes(ConfSection root, Totem totem) {
        ConfSection nodelist = single(root, "nodelist");
        List<ClusterNode> nodes = new ArrayList<>();
        if (nodelist == null) {
            return nodesFromMembers(totem);
        }
        for (ConfSection.Setting s : nodelist.settings()) {
            warn(s.line(), "'" + s.key() + "' directly in nodelist is not used");
        }
        Set<String> names = new HashSet<>();
        Set<Integer> ids = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        for (ConfSection n : nodelist.sections()) {
            if (!n.name().equals("node")) {
                warn(n.line(), "section 'nodelist." + n.name() + "' is not used: unknown section");
                continue;
            }
            Settings s = new Settings(n);
            List<String> addrs = new ArrayList<>();
            for (int ring = 0; ring < 8; ring++) {
                String linkKey = "link" + ring + "_addr";
                var a = s.take("ring" + ring + "_addr").or(() -> s.take(linkKey));
                if (a.isEmpty()) {
                    break;
                }
                if (ring < MAX_RINGS) {
                    addrs.add(a.get().value());
                } else {
                    warn(a.get().line(), "ring" + ring + "_addr is not used: Vigil uses rings 0 and 1");
                }
            }
            if (addrs.isEmpty()) {
                error(n.line(), "expected 'ring0_addr:' in node section");
                s.warnRest("nodelist.node", Map.of());
                continue;
            }
            var nameSetting = s.take("name");
            String name = nameSetting.map(ConfSection.Setting::value).orElse(addrs.get(0));
            if (nameSetting.isEmpty()) {
                warn(n.line(), "node without 'name:' is called by its ring0_addr '" + name
                        + "'; the CIB's node names must match");
            }
            var idSetting = s.take("nodeid");
            int id;
            if (idSetting.isPresent()) {
                id = integer(idSetting.get(), 1, Integer.MAX_VALUE);
            } else {
                Integer derived = idFromAddress(addrs.get(0));
                if (derived == null) {
                    error(n.line(), "expected 'nodeid:' for node '" + name + "' (its address is not an IPv4 address)");
                    derived = 0;
                }
                id = derived;
                warn(n.line(), "node '" + name + "' has no nodeid: using " + id + ", derived from its address as corosync 2 did");
            }
            int votes = s.take("quorum_votes").map(v -> integer(v, 0, 255)).orElse(1);
            s.warnRest("nodelist.node", Map.of());
            if (!names.add(name)) {
                error(n.line(), "expected unique node names, '" + name + "' is listed twice");
            }
            if (!ids.add(id)) {
                error(n.line(), "expected unique nodeids, " + id + " is listed twice");
            }
            for (String a : addrs) {
                if (!addresses.add(a)) {
                    error(n.line(), "expected unique node addresses, " + a + " is listed twice");
                }
            }
            nodes.add(new ClusterNode(id, name, addrs, votes));
        }
        if (nodes.isEmpty()) {
            error(nodelist.line(), "expected at least one 'node { ... }' in the nodelist");
        }
        int rings = Math.min(totem.links.size(), MAX_RINGS);
        for (ClusterNode n : nodes) {
            if (n.addresses().size() < rings) {
                error(nodelist.line(), "node '" + n.name() + "' has " + n.addresses().size()
                        + " ring address(es) but " + rings + " rings are configured: expected ring"
                        + n.addresses().size() + "_addr");
            }
        }
        return nodes;
    }

    /** Corosync 2 udpu clusters list their members' addresses in totem.interface instead of a nodelist. */
    private List<ClusterNode> nodesFromMembers(Totem totem) {
        List<ClusterNode> nodes = new ArrayList<>();
        List<String> ring0 = totem.members.isEmpty() ? List.of() : totem.members.get(0);
        if (ring0.isEmpty()) {
            error(1, "expected a 'nodelist { node { ... } }' section (or udpu members in totem.interface)");
            return nodes;
        }
        for (int i = 0; i < ring0.size(); i++) {
            List<String> addrs = new ArrayList<>();
            for (List<String> ringMembers : totem.members) {
                if (i < ringMembers.size()) {
                    addrs.add(ringMembers.get(i));
                }
            }
            String addr = ring0.get(i);
            Integer id = idFromAddress(addr);
            if (id == null) {
                error(1, "expected an IPv4 memberaddr to derive a nodeid from, got '" + addr + "'");
                continue;
            }
            nodes.add(new ClusterNode(id, addr, addrs, 1));
        }
        warn(1, "no nodelist: nodes are taken from totem.interface members and named by their addresses ("
                + String.join(", ", ring0) + "); add a nodelist with 'name:' so they match the CIB's node names");
        return nodes;
    }

    /** Corosync 2 derived nodeids from the IPv4 address; clear_node_high_bit is always applied here. */
    static Integer idFromAddress(String address) {
        String[] parts = address.split("\\.");
        if (parts.length != 4) {
            return null;
        }
        long value = 0;
        for (String p : parts) {
            if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > 255) {
                return null;
            }
            value = (value << 8) | Integer.parseInt(p);
        }
        int id = (int) (value & 0x7fffffffL);
        return id == 0 ? null : id;
    }

    private QuorumConfig readQuorum(ConfSection root, List<ClusterNode> nodes) {
        List<QuorumConfig.NodeVotes> votes = nodes.stream()
                .map(n -> new QuorumConfig.NodeVotes(n.name(), n.nodeId(), n.votes())).toList();
        ConfSection q = single(root, "quorum");
        if (q == null) {
            warn(1, "no quorum section: corosync would give no quorum at all; Vigil applies votequorum with"
                    + " one vote per node");
            return new QuorumConfig(votes, 0, false, false, false, null, false, null);
        }
        Settings s = new Settings(q);
        var provider = s.take("provider");
        if (provider.isEmpty()) {
            warn(q.line(), "no quorum provider: Vigil applies votequorum");
        } else if (!provider.get().value().equals("corosync_votequorum")) {
            error(provider.get().line(), "expected 'provider: corosync_votequorum', got '" + provider.get().value() + "'");
        }
        int expected = s.take("expected_votes").map(v -> integer(v, 1, 65535)).orElse(0);
        int total = votes.stream().mapToInt(QuorumConfig.NodeVotes::votes).sum();
        if (expected > 0 && expected < total) {
            warn(s.lineOf("expected_votes"), "expected_votes: " + expected + " is lower than the nodes' "
                    + total + " votes; votequorum raises it to " + total + " once they are all present");
        }
        var twoNodeSetting = s.take("two_node");
        boolean twoNode = twoNodeSetting.map(this::bool).orElse(false);
        if (twoNode && nodes.size() != 2) {
            warn(twoNodeSetting.get().line(), "two_node is set but the cluster has " + nodes.size()
                    + " nodes: it only applies while exactly two votes are expected");
        }
        var wfaSetting = s.take("wait_for_all");
        boolean waitForAll = wfaSetting.map(this::bool).orElse(false);
        if (twoNode && wfaSetting.isPresent() && !waitForAll) {
            warn(wfaSetting.get().line(), "wait_for_all: 0 with two_node is not supported: Vigil keeps"
                    + " wait_for_all on for two-node clusters");
        }
        boolean lms = s.take("last_man_standing").map(this::bool).orElse(false);
        Duration window = s.take("last_man_standing_window").map(v -> Duration.ofMillis(integer(v, 1, Integer.MAX_VALUE)))
                .orElse(null);
        boolean atb = s.take("auto_tie_breaker").map(this::bool).orElse(false);
        List<String> tieBreaker = s.take("auto_tie_breaker_node").map(v -> readTieBreaker(v, nodes)).orElse(null);
        s.warnRest("quorum", QUORUM_UNUSED);
        return new QuorumConfig(votes, expected, twoNode, waitForAll, lms, window, atb, tieBreaker);
    }

    private List<String> readTieBreaker(ConfSection.Setting v, List<ClusterNode> nodes) {
        String value = v.value().strip();
        if (value.equals("lowest") || value.equals("highest")) {
            return List.of(value);
        }
        List<String> ids = new ArrayList<>();
        for (String id : value.split("[\\s,]+")) {
            if (!id.matches("\\d+") || nodes.stream().noneMatch(n -> Integer.toString(n.nodeId()).equals(id))) {
                error(v.line(), "expected auto_tie_breaker_node lowest, highest or nodeids of the nodelist, got '" + id + "'");
            }
            ids.add(id);
        }
        return ids;
    }

    private LoggingConfig readLogging(ConfSection root) {
        ConfSection l = single(root, "logging");
        if (l == null) {
            return LoggingConfig.defaults();
        }
        Settings s = new Settings(l);
        boolean toStderr = s.take("to_stderr").map(this::bool).orElse(true);
        boolean toLogfile = s.take("to_logfile").map(this::bool).orElse(false);
        var logfileSetting = s.take("logfile");
        String logfile = logfileSetting.map(ConfSection.Setting::value).orElse(null);
        if (toLogfile && logfile == null) {
            error(s.lineOf("to_logfile"), "expected 'logfile:' with to_logfile: yes");
        }
        if (!toLogfile && logfile != null) {
            warn(logfileSetting.get().line(), "logfile is not used: to_logfile is off");
        }
        var debug = s.take("debug");
        boolean dbg = debug.map(d -> d.value().equals("trace") || bool(d)).orElse(false);
        boolean timestamp = s.take("timestamp").map(t -> t.value().equals("hires") || bool(t)).orElse(true);
        for (ConfSection sub : l.sections()) {
            warn(sub.line(), "section 'logging." + sub.name() + "' is not used: "
                    + LOGGING_UNUSED.getOrDefault(sub.name(), "unknown section"));
        }
        s.warnRest("logging", LOGGING_UNUSED);
        return new LoggingConfig(toStderr, toLogfile ? logfile : null, dbg, timestamp);
    }

    /** Vigil's own section: the services beside the cluster (Prometheus metrics), each off unless given. */
    private ServicesConfig readServices(ConfSection root) {
        ConfSection v = single(root, "vigil");
        if (v == null) {
            return ServicesConfig.NONE;
        }
        Settings s = new Settings(v);
        int metricsPort = s.take("metrics_port").map(p -> integer(p, 1, 65535)).orElse(0);
        var address = s.take("metrics_address");
        var cert = s.take("metrics_tls_cert");
        var key = s.take("metrics_tls_key");
        var users = s.take("metrics_users");
        for (var unused : List.of(address, cert, key, users)) {
            if (unused.isPresent() && metricsPort == 0) {
                warn(unused.get().line(), unused.get().key() + " is not used: metrics are off without metrics_port");
            }
        }
        if (cert.isPresent() != key.isPresent()) {
            error(cert.or(() -> key).get().line(), "expected both metrics_tls_cert and metrics_tls_key, or neither");
        }
        if (users.isPresent() && cert.isEmpty() && metricsPort > 0) {
            warn(users.get().line(), "metrics_users without metrics_tls_cert: passwords cross the network in clear");
        }
        ServicesConfig.ConsoleConfig console = readConsole(s);
        for (ConfSection sub : v.sections()) {
            warn(sub.line(), "section 'vigil." + sub.name() + "' is not used: unknown section");
        }
        s.warnRest("vigil", Map.of());
        return new ServicesConfig(metricsPort, address.map(ConfSection.Setting::value).orElse(null),
                cert.map(ConfSection.Setting::value).orElse(null), key.map(ConfSection.Setting::value).orElse(null),
                users.map(ConfSection.Setting::value).orElse(null), console);
    }

    /** The web console: {@code console: on} (port 7630) or {@code console_port: N}; off otherwise. */
    private ServicesConfig.ConsoleConfig readConsole(Settings s) {
        var on = s.take("console");
        int port = s.take("console_port").map(p -> integer(p, 1, 65535)).orElse(0);
        if (on.isPresent()) {
            if (bool(on.get())) {
                port = port == 0 ? ServicesConfig.ConsoleConfig.DEFAULT_PORT : port;
            } else {
                port = 0;
            }
        }
        var address = s.take("console_address");
        var cert = s.take("console_tls_cert");
        var key = s.take("console_tls_key");
        var users = s.take("console_users");
        var audit = s.take("console_audit");
        for (var unused : List.of(address, cert, key, users, audit)) {
            if (unused.isPresent() && port == 0) {
                warn(unused.get().line(), unused.get().key() + " is not used: the console is off without console: on"
                        + " or console_port");
            }
        }
        if (cert.isPresent() != key.isPresent()) {
            error(cert.or(() -> key).get().line(), "expected both console_tls_cert and console_tls_key, or neither"
                    + " (neither: a certificate is generated at first start)");
        }
        return new ServicesConfig.ConsoleConfig(port, address.map(ConfSection.Setting::value).orElse(null),
                cert.map(ConfSection.Setting::value).orElse(null), key.map(ConfSection.Setting::value).orElse(null),
                users.map(ConfSection.Setting::value).orElse(null), audit.map(ConfSection.Setting::value).orElse(null));
    }

    // ---- helpers ----

    private ConfSection single(ConfSection root, String name) {
        List<ConfSection> found = root.sections(name);
        if (found.size() > 1) {
            error(found.get(1).line(), "expected one '" + name + "' section, found another one here");
        }
        return found.isEmpty() ? null : found.get(0);
    }

    private int integer(ConfSection.Setting s, int min, int max) {
        try {
            long v = Long.parseLong(s.value());
            if (v < min || v > max) {
                error(s.line(), "expected " + s.key() + " between " + min + " and " + max + ", got " + s.value());
                return min;
            }
            return (int) v;
        } catch (NumberFormatException e) {
            error(s.line(), "expected a number for " + s.key() + ", got '" + s.value() + "'");
            return min;
        }
    }

    private boolean bool(ConfSection.Setting s) {
        switch (s.value().toLowerCase(java.util.Locale.ROOT)) {
            case "1", "yes", "on", "true":
                return true;
            case "0", "no", "off", "false":
                return false;
            default:
                error(s.line(), "expected yes/no (on/off, 1/0) for " + s.key() + ", got '" + s.value() + "'");
                return false;
        }
    }

    private void error(int line, String what) {
        errors.add(source + ":" + line + ": " + what);
    }

    private void warn(int line, String what) {
        warnings.add(source + ":" + line + ": warning: " + what);
    }

    /** The settings of one section; what is not taken by the end is warned about. */
    private final class Settings {
        private final Map<String, ConfSection.Setting> byKey = new LinkedHashMap<>();
        private final Map<String, Integer> lines = new LinkedHashMap<>();

        Settings(ConfSection section) {
            for (ConfSection.Setting s : section.settings()) {
                byKey.remove(s.key());
                byKey.put(s.key(), s);
                lines.put(s.key(), s.line());
            }
        }

        java.util.Optional<ConfSection.Setting> take(String key) {
            return java.util.Optional.ofNullable(byKey.remove(key));
        }

        int lineOf(String key) {
            return lines.getOrDefault(key, 1);
        }

        void warnRest(String where, Map<String, String> known) {
            for (ConfSection.Setting s : byKey.values()) {
                String why = known.getOrDefault(s.key(), "unknown setting");
                warn(s.line(), where + "." + s.key() + " is not used: " + why);
            }
            byKey.clear();
        }
    }
}
