package org.vigil.agents;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What an agent declares about itself: its parameters and the actions it supports. */
public record AgentMetadata(
        String name,
        String version,
        String shortDesc,
        String longDesc,
        List<ParameterSpec> parameters,
        List<ActionSpec> actions) {

    public AgentMetadata {
        Objects.requireNonNull(name, "name");
        version = version == null ? "" : version;
        shortDesc = shortDesc == null ? "" : shortDesc;
        longDesc = longDesc == null ? "" : longDesc;
        parameters = List.copyOf(parameters);
        actions = List.copyOf(actions);
    }

    public Optional<ParameterSpec> parameter(String paramName) {
        return parameters.stream().filter(p -> p.name().equals(paramName)).findFirst();
    }

    /** The first declared action of that name (for monitors, the first role-less one wins). */
    public Optional<ActionSpec> action(String actionName) {
        return actions.stream()
                .filter(a -> a.name().equals(actionName))
                .min((a, b) -> Boolean.compare(a.role().isPresent(), b.role().isPresent()));
    }

    /**
     * The parameters whose change needs a restart, when the agent can take a change of the others in place
     * (Pacemaker's {@code op-force-restart}): an OCF 1.1 agent with {@code reload-agent} reloads the ones it
     * marks reloadable; an older agent with {@code reload} the ones that are not unique. Empty when the agent
     * cannot reload: then every change restarts it.
     */
    public Optional<List<String>> restartParameters() {
        return reloadAction().map(how -> parameters.stream()
                .filter(p -> how == ActionName.RELOAD_AGENT ? !p.reloadable() : p.unique())
                .map(ParameterSpec::name)
                .toList());
    }

    /** How this agent re-reads its parameters in place: {@code reload-agent} (OCF 1.1) or {@code reload}. */
    public Optional<ActionName> reloadAction() {
        boolean ocf11 = OcfVersions.atLeast(version, 1, 1);
        if (ocf11 && action(ActionName.RELOAD_AGENT.ocfName()).isPresent()) {
            return Optional.of(ActionName.RELOAD_AGENT);
        }
        if (!ocf11 && action(ActionName.RELOAD.ocfName()).isPresent()) {
            return Optional.of(ActionName.RELOAD);
        }
        return Optional.empty();
    }

    public boolean supports(ActionName action) {
        return action == ActionName.META_DATA || action(action.ocfName()).isPresent();
    }

    /** Advised timeout for an action, or Pacemaker's default of 20 s when the agent names none. */
    public Duration defaultTimeout(ActionName action) {
        return action(action.ocfName()).map(ActionSpec::timeout).orElse(Duration.ofSeconds(20));
    }
}
