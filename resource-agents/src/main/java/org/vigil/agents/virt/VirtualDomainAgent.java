package org.vigil.agents.virt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigil.agents.ActionContext;
import org.vigil.agents.ActionSpec;
import org.vigil.agents.AgentFailure;
import org.vigil.agents.AgentId;
import org.vigil.agents.AgentMetadata;
import org.vigil.agents.AgentResult;
import org.vigil.agents.CommandResult;
import org.vigil.agents.OcfStatus;
import org.vigil.agents.ParameterSpec;
import org.vigil.agents.ResourceAgent;
import org.vigil.agents.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * {@code ocf:heartbeat:VirtualDomain}: a libvirt domain defined from {@code config} and managed
 * with {@code virsh} (define/start, shutdown then destroy, domstate) and live-migrated with
 * {@code virsh migrate --live} to {@code <driver>+<migration_transport>://<target>/<path>}.
 */
public final class VirtualDomainAgent implements ResourceAgent {
    private static final Pattern URI = Pattern.compile("([a-z0-9]+)(?:\\+[a-z0-9]+)?://[^/]*(/.*)?");

    private static final AgentMetadata METADATA = new AgentMetadata("VirtualDomain", "1.1",
            "Manages virtual domains through the libvirt virtualization framework",
            "Manages libvirt domains (KVM, Xen, LXC through libvirt): defines the domain from its XML configuration, starts, "
                    + "shuts down (then destroys after the stop timeout), monitors with virsh domstate and live-migrates with virsh migrate --live.",
            List.of(ParameterSpec.required("config", "string", "Absolute path to the libvirt domain XML configuration").asUnique(),
                    ParameterSpec.optional("hypervisor", "string", "qemu:///system", "Hypervisor URI to connect to"),
                    ParameterSpec.optional("force_stop", "boolean", "false", "Always forcefully shut down (virsh destroy) on stop"),
                    ParameterSpec.optional("migration_transport", "string", "ssh", "Transport for live migration (ssh, tcp, tls, ...)"),
                    ParameterSpec.optional("migration_user", "string", null, "User in the remote URI for migration"),
                    ParameterSpec.optional("migration_network_suffix", "string", null,
                            "Suffix appended to the target node name to use a dedicated migration network (e.g. -mig)"),
                    ParameterSpec.optional("migrateuri", "string", null, "Explicit --migrateuri for the data connection"),
                    ParameterSpec.optional("migrate_options", "string", null, "Extra options for virsh migrate (space separated)"),
                    ParameterSpec.optional("monitor_scripts", "string", null, "Space-separated scripts run by monitor; any non-zero exit fails the monitor")),
            List.of(ActionSpec.of("start", 90), ActionSpec.of("stop", 90), ActionSpec.monitor(30, 10),
                    ActionSpec.of("migrate_from", 60), ActionSpec.of("migrate_to", 120),
                    ActionSpec.of("meta-data", 5), ActionSpec.of("validate-all", 5)));

    @Override
    public AgentId id() {
        return AgentId.ocf("heartbeat", "VirtualDomain");
    }

    @Override
    public AgentMetadata metadata() {
        return METADATA;
    }

    /** The {@code <name>} of the domain XML. */
    static String domainName(ActionContext ctx) {
        Path config = Path.of(ctx.param("config"));
        String xml;
        try {
            xml = Files.readString(config);
        } catch (IOException e) {
            throw AgentFailure.installed("domain configuration " + config + " is not readable: " + e.getMessage());
        }
        try {
            Document doc = SecureXml.parse(xml);
            if (!doc.getDocumentElement().getTagName().equals("domain")) {
                throw AgentFailure.configured(config + ": expected a libvirt <domain> document, found <" + doc.getDocumentElement().getTagName() + ">");
            }
            NodeList names = doc.getDocumentElement().getElementsByTagName("name");
            if (names.getLength() == 0 || names.item(0).getTextContent().isBlank()) {
                throw AgentFailure.configured(config + ": the <domain> has no <name>");
            }
            return names.item(0).getTextContent().strip();
        } catch (SAXException | IOException e) {
            throw AgentFailure.configured(config + " is not well-formed XML (expected a libvirt <domain>): " + e.getMessage());
        }
    }

    private static String[] virsh(ActionContext ctx, String... args) {
        List<String> all = new ArrayList<>(List.of("-c", ctx.param("hypervisor")));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    /** {@code virsh domstate}: "running", "paused", "shut off", ...; empty when the domain is not defined. */
    private static String state(ActionContext ctx, String dom) {
        CommandResult r = ctx.run(Duration.ofSeconds(30), "virsh", virsh(ctx, "domstate", dom));
        if (!r.ok()) {
            return "";
        }
        return r.stdout().strip().toLowerCase(Locale.ROOT);
    }

    private static boolean active(String state) {
        return state.equals("running") || state.equals("idle") || state.equals("blocked") || state.equals("no state");
    }

    @Override
    public AgentResult validateAll(ActionContext ctx) {
        if (!ctx.hasTool("virsh")) {
            return AgentResult.of(OcfStatus.ERR_INSTALLED, "virsh not found on PATH (libvirt-clients not installed?)");
        }
        if (!URI.matcher(ctx.param("hypervisor")).matches()) {
            return AgentResult.of(OcfStatus.ERR_CONFIGURED, "hypervisor '" + ctx.param("hypervisor") + "' is not a libvirt URI such as qemu:///system");
        }
        if (!ctx.param("migration_transport").matches("[a-z0-9]+")) {
            return AgentResult.of(OcfStatus.ERR_CONFIGURED, "migration_transport '" + ctx.param("migration_transport") + "' is not a transport name");
        }
        domainName(ctx);
        return AgentResult.success();
    }

    private void check(ActionContext ctx) {
        AgentResult v = validateAll(ctx);
        if (!v.is(OcfStatus.SUCCESS)) {
            throw new AgentFailure(v.status(), v.exitReason());
        }
    }

    @Override
    public AgentResult start(ActionContext ctx) {
        check(ctx);
        String dom = domainName(ctx);
        String s = state(ctx, dom);
        if (active(s)) {
            return AgentResult.success();
        }
        if (s.equals("paused")) {
            CommandResult r = ctx.run("virsh", virsh(ctx, "resume", dom));
            return r.ok() ? AgentResult.success() : AgentResult.of(OcfStatus.ERR_GENERIC, "cannot resume paused domain " + dom + ": " + r.describe());
        }
        if (s.equals("crashed")) {
            ctx.run("virsh", virsh(ctx, "destroy", dom));
        }
        CommandResult def = ctx.run("virsh", virsh(ctx, "define", ctx.param("config")));
        if (!def.ok()) {
            return AgentResult.of(OcfStatus.ERR_GENERIC, "cannot define domain " + dom + ": " + def.describe());
        }
        CommandResult start = ctx.run("virsh", virsh(ctx, "start", dom));
        if (!start.ok()) {
            return AgentResult.of(OcfStatus.ERR_GENERIC, "failed to start domain " + dom + ": " + start.describe());
        }
        if (!ctx.await(ctx.remaining(), () -> active(state(ctx, dom)))) {
            return AgentResult.of(OcfStatus.ERR_GENERIC, "domain " + dom + " did not reach running after virsh start");
        }
        return AgentResult.success();
    }

    @Override
    public AgentResult stop(ActionContext ctx) {
        check(ctx);
        String dom = domainName(ctx);
        String s = state(ctx, dom);
        if (s.isEmpty() || s.equals("shut off")) {
            return AgentResult.success();
        }
        boolean off = false;
        if (!ctx.boolParam("force_stop") && !s.equals("crashed") && !s.equals("paused")) {
            ctx.run("virsh", virsh(ctx, "shutdown", dom));
            // keep some of the stop timeout for destroy, as the classic agent does
            Duration orderly = ctx.remaining().minus(Duration.ofSeconds(5));
            if (orderly.isNegative()) {
                orderly = ctx.remaining().dividedBy(2);
            }
            off = ctx.await(orderly, () -> isOff(state(ctx, dom)));
        }
        if (!off) {
            CommandResult r = ctx.run("virsh", virsh(ctx, "destroy", dom));
            if (!r.ok() && !isOff(state(ctx, dom))) {
                return AgentResult.of(OcfStatus.ERR_GENERIC, "failed to destroy domain " + dom + ": " + r.describe());
            }
        }
        return AgentResult.success();
    }

    private static boolean isOff(String state) {
        return state.isEmpty() || state.equals("shut off");
    }

    @Override
    public AgentResult monitor(ActionContext ctx) {
        check(ctx);
        String dom = domainName(ctx);
        String s = state(ctx, dom);
        if (isOff(s)) {
            return AgentResult.notRunning();
        }
        if (s.equals("crashed")) {
            return AgentResult.of(OcfStatus.ERR_GENERIC, "domain " + dom + " has crashed");
        }
        if (s.equals("paused") || s.equals("pmsuspended")) {
            return AgentResult.of(OcfStatus.ERR_GENERIC, "domain " + dom + " is " + s + " (e.g. an I/O error on its storage)");
        }
        if (s.equals("in shutdown")) {
            return AgentResult.of(OcfStatus.ERR_GENERIC, "domain " + dom + " is shutting down unexpectedly");
        }
        for (String script : ctx.optParam("monitor_scripts").map(v -> List.of(v.trim().split("\\s+"))).orElse(List.of())) {
            CommandResult r = ctx.run(script);
            if (!r.ok()) {
                return AgentResult.of(OcfStatus.ERR_GENERIC, "monitor script failed: " + r.describe());
            }
        }
        return AgentResult.success();
    }

    /** {@code qemu:///system} to {@code qemu+ssh://[user@]target[suffix]/system}. */
    static String remoteUri(ActionContext ctx, String target) {
        Matcher m = URI.matcher(ctx.param("hypervisor"));
        if (!m.matches()) {
            throw AgentFailure.configured("hypervisor '" + ctx.param("hypervisor") + "' is not a libvirt URI");
        }
        String user = ctx.optParam("migration_user").map(u -> u + "@").orElse("");
        String host = target + ctx.param("migration_network_suffix");
        return m.group(1) + "+" + ctx.param("migration_transport") + "://" + user + host + (m.group(2) == null ? "/system" : m.group(2));
    }

    @Override
    public AgentResult migrateTo(ActionContext ctx) {
        check(ctx);
        String dom = domainName(ctx);
        String target = ctx.meta("migrate_target");
        if (target.isEmpty()) {
            return AgentResult.of(OcfStatus.ERR_CONFIGURED, "migrate_to needs the migrate_target meta attribute");
        }
        if (!active(state(ctx, dom))) {
            return AgentResult.of(OcfStatus.ERR_GENERIC, dom + ": migrate_to: not active locally");
        }
        List<String> args = new ArrayList<>(List.of("migrate", "--live"));
        ctx.optParam("migrate_options").ifPresent(o -> args.addAll(List.of(o.trim().split("\\s+"))));
        args.add(dom);
        args.add(remoteUri(ctx, target));
        ctx.optParam("migrateuri").ifPresent(u -> args.add(u.replace("%n", target)));
        CommandResult r = ctx.run("virsh", virsh(ctx, args.toArray(String[]::new)));
        if (!r.ok()) {
            return AgentResult.of(OcfStatus.ERR_GENERIC, dom + ": live migration to " + target + " failed: " + r.describe());
        }
        return AgentResult.success();
    }

    @Override
    public AgentResult migrateFrom(ActionContext ctx) {
        check(ctx);
        String dom = domainName(ctx);
        boolean up = ctx.await(ctx.remaining().multipliedBy(2).dividedBy(3), () -> active(state(ctx, dom)));
        return up ? AgentResult.success() : AgentResult.of(OcfStatus.ERR_GENERIC, dom + ": not active locally, migration failed");
    }
}
