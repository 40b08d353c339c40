package org.vigil.cib;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A generic, immutable XML element. Parts of the CIB that Vigil does not model yet (tickets, tags,
 * ACLs, alerts, fencing topology, bundles, ...) are kept as these and written back verbatim.
 *
 * @param text non-whitespace character content of a leaf element, or null
 */
public record XmlElement(String name, Map<String, String> attributes, List<XmlElement> children, String text) {
    public XmlElement {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("element name must not be empty");
        }
        attributes = Copies.sorted(attributes);
        children = Copies.list(children);
    }

    public XmlElement(String name, Map<String, String> attributes, List<XmlElement> children) {
        this(name, attributes, children, null);
    }

    public String attribute(String key) {
        return attributes.get(key);
    }

    public String id() {
        return attributes.get("id");
    }

    public Optional<XmlElement> child(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).findFirst();
    }

    public List<XmlElement> children(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    public XmlElement withChildren(List<XmlElement> newChildren) {
        return new XmlElement(name, attributes, newChildren, text);
    }

    public XmlElement withAttributes(Map<String, String> newAttributes) {
        return new XmlElement(name, newAttributes, children, text);
    }
}
