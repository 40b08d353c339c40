package org.vigil.cli.ra;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Minimal JSON writing for the few flat structures {@code crm ra} prints. */
final class Json {
    private Json() {}

    static String string(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    static String array(List<String> rawElements) {
        return rawElements.stream().collect(Collectors.joining(",", "[", "]"));
    }

    /** An object from already-encoded values, in the map's iteration order. */
    static String object(Map<String, String> rawValues) {
        return rawValues.entrySet().stream().map(e -> string(e.getKey()) + ":" + e.getValue()).collect(Collectors.joining(",", "{", "}"));
    }
}
