package org.vigil.cib;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CIB read from a file, with where each id was found and what the reader could not keep.
 *
 * @param idLines  object id to 1-based line in the source
 * @param warnings one-line messages about content that was dropped
 */
public record ParsedCib(Cib cib, String source, Map<String, Integer> idLines, List<String> warnings) {
    public ParsedCib {
        idLines = Map.copyOf(idLines);
        warnings = List.copyOf(warnings);
    }

    public Optional<Integer> line(String id) {
        return Optional.ofNullable(id == null ? null : idLines.get(id));
    }
}
