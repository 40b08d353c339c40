package org.vigil.cib;

import java.util.OptionalInt;

/**
 * A resource id as the status section, the scheduler and the tools name clone instances: {@code drbd:1} is
 * instance {@code 1} of {@code drbd}. XML ids cannot hold a colon, so the part after the last one is always an
 * instance; one parser keeps every reader agreeing on that.
 *
 * @param base     the configured resource's id
 * @param instance the instance suffix after the colon, or null for a plain id
 */
public record ResourceInstance(String base, String instance) {
    public static ResourceInstance parse(String id) {
        int colon = id.lastIndexOf(':');
        if (colon <= 0 || colon == id.length() - 1) {
            return new ResourceInstance(id, null);
        }
        return new ResourceInstance(id.substring(0, colon), id.substring(colon + 1));
    }

    /** The configured resource's id: {@code drbd} for {@code drbd:1} and for {@code drbd}. */
    public static String baseOf(String id) {
        return id == null ? null : parse(id).base();
    }

    public boolean isInstance() {
        return instance != null;
    }

    /** The instance number, when the suffix is one. */
    public OptionalInt number() {
        if (instance == null || instance.isEmpty() || !instance.chars().allMatch(Character::isDigit)
                || instance.length() > 9) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(instance));
    }

    public String id() {
        return instance == null ? base : base + ":" + instance;
    }
}
