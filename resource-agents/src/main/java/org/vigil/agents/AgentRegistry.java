package org.vigil.agents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.vigil.agents.fence.FenceAgent;

/**
 * Finds agents by {@code class:provider:type}: native Java agents registered through
 * {@link ServiceLoader} (built in, or from plugin jars on a class loader), else OCF scripts under
 * {@code $OCF_ROOT/resource.d/<provider>/<type>} and fence-agents scripts for {@code stonith:}.
 * A native agent with {@link Precedence#SCRIPT_FIRST} is used only when no script is installed.
 */
public final class AgentRegistry {
    private final Map<AgentId, ResourceAgent> resourceAgents;
    private final Map<AgentId, FenceAgent> fenceAgents;

    private AgentRegistry(Map<AgentId, ResourceAgent> resourceAgents, Map<AgentId, FenceAgent> fenceAgents) {
        this.resourceAgents = Map.copyOf(resourceAgents);
        this.fenceAgents = Map.copyOf(fenceAgents);
    }

    /** The agents built into Vigil plus any plugin visible to this module's class loader. */
    public static AgentRegistry load() {
        return load(AgentRegistry.class.getClassLoader());
    }

    /** Loads agents visible to {@code loader}, e.g. a {@link java.net.URLClassLoader} over plugin jars. */
    public static AgentRegistry load(ClassLoader loader) {
        try {
            List<ResourceAgent> ras = new ArrayList<>();
            ServiceLoader.load(ResourceAgent.class, loader).forEach(ras::add);
            List<FenceAgent> fas = new ArrayList<>();
            ServiceLoader.load(FenceAgent.class, loader).forEach(fas::add);
            return of(ras, fas);
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("cannot load agent plugins: " + e.getMessage(), e);
        }
    }

    /** A registry of exactly these agents; two agents with one id is a packaging error. */
    public static AgentRegistry of(Collection<? extends ResourceAgent> resourceAgents, Collection<? extends FenceAgent> fenceAgents) {
        Map<AgentId, ResourceAgent> ras = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        for (ResourceAgent a : resourceAgents) {
            ResourceAgent prev = ras.put(a.id(), a);
            if (prev != null) {
                throw new IllegalStateException("agent " + a.id() + " is provided twice: by " + prev.getClass().getName() + " and " + a.getClass().getName());
            }
        }
        Map<AgentId, FenceAgent> fas = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        for (FenceAgent a : fenceAgents) {
            if (!a.id().isStonith()) {
                throw new IllegalStateException("fence agent " + a.getClass().getName() + " must have a stonith: id, not " + a.id());
            }
            FenceAgent prev = fas.put(a.id(), a);
            if (prev != null) {
                throw new IllegalStateException("fence agent " + a.id() + " is provided twice: by " + prev.getClass().getName() + " and " + a.getClass().getName());
            }
        }
        return new AgentRegistry(ras, fas);
    }

    public Optional<ResourceAgent> nativeAgent(AgentId id) {
        return Optional.ofNullable(resourceAgents.get(id));
    }

    /** Resolves {@code id} on {@code host}; empty when no agent of that name exists. */
    public Optional<ResolvedAgent> resolve(AgentId id, HostEnvironment host) {
        if (id.isStonith()) {
            FenceAgent fa = fenceAgents.get(id);
            if (fa != null) {
                return Optional.of(new ResolvedAgent.NativeFence(fa));
            }
            return fenceScript(id.type(), host).map(p -> new ResolvedAgent.FenceScript(id, p));
        }
        ResourceAgent ra = resourceAgents.get(id);
        if (ra != null && ra.precedence() == Precedence.NATIVE_FIRST) {
            return Optional.of(new ResolvedAgent.Native(ra));
        }
        Optional<ResolvedAgent> script = id.isOcf()
                ? ocfScript(id, host).map(p -> new ResolvedAgent.OcfScript(id, p))
                : Optional.empty();
        if (script.isPresent()) {
            return script;
        }
        return Optional.ofNullable(ra).map(ResolvedAgent.Native::new);
    }

    /** Resolves only the OCF script, ignoring native agents (for comparing an agent with its script). */
    public Optional<ResolvedAgent> resolveScript(AgentId id, HostEnvironment host) {
        return id.isOcf() ? ocfScript(id, host).map(p -> new ResolvedAgent.OcfScript(id, p)) : Optional.empty();
    }

    private static Optional<Path> ocfScript(AgentId id, HostEnvironment host) {
        if (id.provider().contains("/") || id.type().contains("/") || id.provider().startsWith(".") || id.type().startsWith(".")) {
            return Optional.empty();
        }
        Path p = host.ocfRoot().resolve("resource.d").resolve(id.provider()).resolve(id.type());
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    private static Optional<Path> fenceScript(String type, HostEnvironment host) {
        if (!type.startsWith("fence_") || type.contains("/")) {
            return Optional.empty();
        }
        return host.fenceAgentDirs().stream().map(d -> d.resolve(type)).filter(Files::isExecutable).findFirst();
    }

    /**
     * Every agent available on {@code host}, optionally filtered by {@code CLASS} or
     * {@code CLASS:PROVIDER}, sorted by name.
     */
    public List<AgentId> list(HostEnvironment host, Optional<String> filter) {
        TreeSet<String> names = new TreeSet<>();
        resourceAgents.keySet().forEach(id -> names.add(id.toString()));
        fenceAgents.keySet().forEach(id -> names.add(id.toString()));
        Path resourceD = host.ocfRoot().resolve("resource.d");
        for (Path provider : listDir(resourceD)) {
            if (Files.isDirectory(provider)) {
                for (Path script : listDir(provider)) {
                    if (Files.isRegularFile(script) && Files.isExecutable(script) && !script.getFileName().toString().startsWith(".")) {
                        names.add("ocf:" + provider.getFileName() + ":" + script.getFileName());
                    }
                }
            }
        }
        for (Path dir : host.fenceAgentDirs()) {
            for (Path script : listDir(dir)) {
                String n = script.getFileName().toString();
                if (n.startsWith("fence_") && Files.isExecutable(script)) {
                    names.add("stonith:" + n);
                }
            }
        }
        return names.stream().map(AgentId::parse).filter(id -> matches(id, filter)).toList();
    }

    private static boolean matches(AgentId id, Optional<String> filter) {
        if (filter.isEmpty() || filter.get().isBlank()) {
            return true;
        }
        String[] f = filter.get().split(":", -1);
        if (!f[0].equals(id.standard())) {
            return false;
        }
        return f.length < 2 || f[1].isEmpty() || f[1].equals(id.provider());
    }

    private static List<Path> listDir(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
