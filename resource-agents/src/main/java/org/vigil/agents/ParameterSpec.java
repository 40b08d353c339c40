package org.vigil.agents;

import java.util.Objects;
import java.util.Optional;

/** One instance parameter an agent accepts, as declared in its meta-data. */
public record ParameterSpec(
        String name,
        String type,
        boolean required,
        boolean unique,
        boolean reloadable,
        Optional<String> defaultValue,
        String shortDesc,
        String longDesc) {

    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        type = type == null || type.isEmpty() ? "string" : type;
        Objects.requireNonNull(defaultValue, "defaultValue");
        shortDesc = shortDesc == null ? "" : shortDesc;
        longDesc = longDesc == null ? "" : longDesc;
    }

    public static ParameterSpec required(String name, String type, String shortDesc) {
        return new ParameterSpec(name, type, true, false, false, Optional.empty(), shortDesc, shortDesc);
    }

    public static ParameterSpec optional(String name, String type, String defaultValue, String shortDesc) {
        return new ParameterSpec(name, type, false, false, false, Optional.ofNullable(defaultValue), shortDesc, shortDesc);
    }

    /** This parameter marked {@code reloadable="1"}: an OCF 1.1 agent takes a change of it with reload-agent. */
    public ParameterSpec asReloadable() {
        return new ParameterSpec(name, type, required, unique, true, defaultValue, shortDesc, longDesc);
    }

    public ParameterSpec asUnique() {
        return new ParameterSpec(name, type, required, true, reloadable, defaultValue, shortDesc, longDesc);
    }
}
