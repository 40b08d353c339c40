package org.vigil.cli.verify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.vigil.agents.AgentId;
import org.vigil.agents.AgentRegistry;
import org.vigil.agents.HostEnvironment;
import org.vigil.cib.Cib;
import org.vigil.cib.Primitive;
import org.vigil.cib.Resource;
import org.vigil.cib.ResourceTemplate;
import org.vigil.cib.Resources;

/**
 * Checks that need this machine rather than the CIB alone, which the core validator
 * ({@link org.vigil.cib.CibValidator}) therefore leaves out: whether each primitive's agent exists here.
 * Only a warning: the agent may be installed on the other nodes, or later.
 */
public final class ConfigurationChecks {
    private static final List<Path> FENCE_DIRS = List.of(Path.of("/usr/sbin"), Path.of("/sbin"),
            Path.of("/usr/local/sbin"));

    private final UnaryOperator<String> env;
    private final Supplier<AgentRegistry> registry;
    private AgentRegistry loaded;

    /**
     * @param env the environment ({@code OCF_ROOT})
     * @param registry the installed agents, loaded on first use: a read-only command never checks a change
     */
    public ConfigurationChecks(UnaryOperator<String> env, Supplier<AgentRegistry> registry) {
        this.env = env;
        this.registry = registry;
    }

    private AgentRegistry registry() {
        if (loaded == null) {
            loaded = registry.get();
        }
        return loaded;
    }

    public List<Finding> check(Cib cib) {
        List<Finding> out = new ArrayList<>();
        for (Resource r : Resources.flatten(cib.configuration().resources())) {
            if (r instanceof Primitive p && p.template() == null) {
                agent(p, out);
            } else if (r instanceof ResourceTemplate t) {
                agent(t.definition(), out);
            }
        }
        return out;
    }

    private void agent(Primitive p, List<Finding> out) {
        if (p.resourceClass() == null || p.type() == null || p.type().isEmpty() || p.type().contains("/")
                || p.type().startsWith(".")) {
            return; // the core validator reports a missing class or type
        }
        boolean found;
        String looked;
        switch (p.resourceClass()) {
            case "ocf" -> {
                if (p.provider() == null || p.provider().contains("/") || p.provider().startsWith(".")) {
                    return;
                }
                String root = env.apply("OCF_ROOT");
                Path script = Path.of(root == null ? "/usr/lib/ocf" : root, "resource.d", p.provider(), p.type());
                found = Files.isRegularFile(script) || nativeAgent(p);
                looked = script.toString();
            }
            case "stonith" -> {
                found = FENCE_DIRS.stream().anyMatch(d -> Files.isExecutable(d.resolve(p.type()))) || nativeAgent(p);
                looked = "/usr/sbin/" + p.type();
            }
            case "lsb" -> {
                found = Files.isRegularFile(Path.of("/etc/init.d", p.type())) || nativeAgent(p);
                looked = "/etc/init.d/" + p.type();
            }
            default -> {
                return; // systemd units and the like are resolved by the node that runs them
            }
        }
        if (!found) {
            out.add(Finding.warning(p.id(), "agent " + p.agent() + " is not installed on this machine (no " + looked
                    + ") and Vigil has no native agent of that name"));
        }
    }

    private boolean nativeAgent(Primitive p) {
        try {
            AgentId id = AgentId.parse(p.agent());
            return id.isStonith() ? registry().resolve(id, HostEnvironment.system()).isPresent()
                    : registry().nativeAgent(id).isPresent();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
