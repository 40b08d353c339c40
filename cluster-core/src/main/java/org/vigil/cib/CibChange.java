package org.vigil.cib;

import java.util.Map;

/**
 * One structural difference between two CIBs. Paths name elements from the root by name and id, e.g.
 * {@code /cib/configuration/resources/primitive[@id='vm01']}; elements without an id are addressed by
 * position among same-named siblings, e.g. {@code /cib/configuration/crm_config[1]}.
 */
public sealed interface CibChange permits CibChange.Added, CibChange.Removed, CibChange.Modified,
        CibChange.Replaced {
    String path();

    /** {@code element} was inserted under {@code path} at child position {@code index}. */
    record Added(String path, int index, XmlElement element) implements CibChange {}

    /** The element at {@code path} is gone. */
    record Removed(String path, XmlElement element) implements CibChange {}

    /** The element at {@code path} kept its children but its attributes or text changed. */
    record Modified(String path, Map<String, String> before, Map<String, String> after, String textBefore,
            String textAfter) implements CibChange {
        public Modified {
            before = Copies.sorted(before);
            after = Copies.sorted(after);
        }
    }

    /** The children of {@code path} were reordered; the whole element is replaced. */
    record Replaced(String path, XmlElement before, XmlElement after) implements CibChange {}
}
