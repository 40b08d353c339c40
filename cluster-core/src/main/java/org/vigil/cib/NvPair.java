package org.vigil.cib;

/** One {@code nvpair}: a name/value setting, or a reference to another nvpair by {@code id-ref}. */
public record NvPair(String id, String idRef, String name, String value) {
    public static NvPair of(String id, String name, String value) {
        return new NvPair(id, null, name, value);
    }
}
