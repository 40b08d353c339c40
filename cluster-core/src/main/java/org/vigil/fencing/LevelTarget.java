package org.vigil.fencing;

import java.util.Map;
import java.util.regex.Pattern;

/** Which nodes a {@code fencing-level} applies to: by name, by regular expression, or by a node attribute. */
public sealed interface LevelTarget {
    boolean matches(String node, Map<String, String> nodeAttributes);

    /** Levels with equal keys form one topology (Pacemaker keys its topology table the same way). */
    String key();

    record Name(String name) implements LevelTarget {
        @Override
        public boolean matches(String node, Map<String, String> nodeAttributes) {
            return name.equals(node);
        }

        @Override
        public String key() {
            return name;
        }
    }

    /** Pacemaker matches with regexec, i.e. anywhere in the name unless the pattern is anchored. */
    record NamePattern(Pattern pattern) implements LevelTarget {
        @Override
        public boolean matches(String node, Map<String, String> nodeAttributes) {
            return pattern.matcher(node).find();
        }

        @Override
        public String key() {
            return "pattern:" + pattern.pattern();
        }
    }

    record Attribute(String name, String value) implements LevelTarget {
        @Override
        public boolean matches(String node, Map<String, String> nodeAttributes) {
            return value.equals(nodeAttributes.get(name));
        }

        @Override
        public String key() {
            return "attribute:" + name + "=" + value;
        }
    }
}
