package org.vigil.agents;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** An action an agent supports with its advised default timeout (and interval/depth for monitors). */
public record ActionSpec(String name, Duration timeout, Optional<Duration> interval, int depth, Optional<String> role) {
    public ActionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(role, "role");
    }

    public static ActionSpec of(String name, int timeoutSeconds) {
        return new ActionSpec(name, Duration.ofSeconds(timeoutSeconds), Optional.empty(), 0, Optional.empty());
    }

    public static ActionSpec monitor(int timeoutSeconds, int intervalSeconds) {
        return new ActionSpec("monitor", Duration.ofSeconds(timeoutSeconds), Optional.of(Duration.ofSeconds(intervalSeconds)), 0, Optional.empty());
    }

    public static ActionSpec monitor(int timeoutSeconds, int intervalSeconds, String role) {
        return new ActionSpec("monitor", Duration.ofSeconds(timeoutSeconds), Optional.of(Duration.ofSeconds(intervalSeconds)), 0, Optional.of(role));
    }
}
