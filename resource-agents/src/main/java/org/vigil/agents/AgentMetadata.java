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

    public boolean supports(ActionName action) {
        return action == ActionName.META_DATA || action(action.ocfName()).isPresent();
    }

    /** Advised timeout for an action, or Pacemaker's default of 20 s when the agent names none. */
    public Duration defaultTimeout(ActionName action) {
        return action(action.ocfName()).map(ActionSpec::timeout).orElse(Duration.ofSeconds(20));
    }
}
