package org.vigil.agents;

import java.util.Objects;
import java.util.Optional;

/**
 * A transient node attribute an agent asks to set ({@code value} present) or delete (empty). {@code dampen}
 * is attrd's delay ({@code attrd_updater -d}): the value is written only after it, the latest one winning,
 * so a flapping measurement (ping connectivity) does not move resources back and forth; zero writes at once.
 */
public record AttributeUpdate(String name, Optional<String> value, java.time.Duration dampen) {
    public AttributeUpdate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        dampen = dampen == null || dampen.isNegative() ? java.time.Duration.ZERO : dampen;
    }

    public AttributeUpdate(String name, Optional<String> value) {
        this(name, value, java.time.Duration.ZERO);
    }

    public AttributeUpdate withDampen(java.time.Duration d) {
        return new AttributeUpdate(name, value, d);
    }

    public static AttributeUpdate set(String name, String value) {
        return new AttributeUpdate(name, Optional.of(value));
    }

    public static AttributeUpdate delete(String name) {
        return new AttributeUpdate(name, Optional.empty());
    }

    /** Pacemaker's promotion score attribute ({@code crm_master}) for a resource instance. */
    public static String promotionAttribute(String resourceInstance) {
        int colon = resourceInstance.indexOf(':');
        // clone instances (drbd0:1) share one score name per resource, as crm_master does
        return "master-" + (colon < 0 ? resourceInstance : resourceInstance.substring(0, colon));
    }
}
