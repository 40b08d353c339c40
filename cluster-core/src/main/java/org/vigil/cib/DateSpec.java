package org.vigil.cib;

import java.util.Map;

/** A {@code date_spec} or {@code duration} element: its fields (years, months, hours, weekdays, ...). */
public record DateSpec(String id, Map<String, String> fields) {
    public DateSpec {
        fields = Copies.sorted(fields);
    }
}
