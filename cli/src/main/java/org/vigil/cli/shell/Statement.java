package org.vigil.cli.shell;

import java.util.List;
import java.util.Map;
import org.vigil.cib.Constraint;
import org.vigil.cib.Node;
import org.vigil.cib.NvSet;
import org.vigil.cib.Primitive;
import org.vigil.cib.Resource;
import org.vigil.cib.XmlElement;

/** One parsed configure-language statement, ready to be merged into a configuration. */
public sealed interface Statement {
    /** The id the statement defines (node uname, resource/constraint id, nvset id, or the section name). */
    String id();

    /** Source line (0 for command-line input). */
    int line();

    record NodeDef(Node node, int line) implements Statement {
        @Override
        public String id() {
            return node.uname();
        }
    }

    /** A {@code primitive}, or a {@code rsc_template} when {@code template} is true. */
    record PrimitiveDef(Primitive primitive, boolean template, int line) implements Statement {
        @Override
        public String id() {
            return primitive.id();
        }
    }

    record GroupDef(String id, List<String> members, Map<String, String> otherAttributes, List<NvSet> params,
            List<NvSet> meta, int line) implements Statement {
        public GroupDef {
            members = List.copyOf(members);
            otherAttributes = Map.copyOf(otherAttributes);
            params = List.copyOf(params);
            meta = List.copyOf(meta);
        }
    }

    /** A {@code clone}; {@code ms}/{@code master} arrive here with {@code master} set (written as crmsh does). */
    record CloneDef(String id, String child, boolean master, Map<String, String> otherAttributes,
            List<NvSet> params, List<NvSet> meta, int line) implements Statement {
        public CloneDef {
            otherAttributes = Map.copyOf(otherAttributes);
            params = List.copyOf(params);
            meta = List.copyOf(meta);
        }
    }

    /** A whole resource tree given as XML ({@code xml <group ...>}), replacing any resource of that id. */
    record RawResourceDef(Resource resource, int line) implements Statement {
        @Override
        public String id() {
            return resource.id();
        }
    }

    record ConstraintDef(Constraint constraint, int line) implements Statement {
        @Override
        public String id() {
            return constraint.id();
        }
    }

    /** {@code property}, {@code rsc_defaults} or {@code op_defaults}: pairs merged into the named set. */
    record NvSetDef(Section section, NvSet set, int line) implements Statement {
        @Override
        public String id() {
            return set.id();
        }
    }

    /**
     * Configuration sections kept as XML: {@code fencing_topology}, {@code tag}, {@code alert}, ACLs. The
     * element is either one object of the section (a tag, an alert, an acl_role, ...) or the whole section.
     */
    record ExtraDef(String id, String section, XmlElement element, int line) implements Statement {}

    enum Section {
        PROPERTY("property", "cib-bootstrap-options"),
        RSC_DEFAULTS("rsc_defaults", "rsc-options"),
        OP_DEFAULTS("op_defaults", "op-options");

        public final String keyword;
        public final String defaultSetId;

        Section(String keyword, String defaultSetId) {
            this.keyword = keyword;
            this.defaultSetId = defaultSetId;
        }
    }
}
