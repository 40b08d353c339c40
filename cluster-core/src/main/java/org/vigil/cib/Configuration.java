package org.vigil.cib;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The {@code configuration} section.
 *
 * @param clusterProperties the {@code cluster_property_set}s of {@code crm_config}
 * @param extras            other sections kept verbatim: fencing-topology, tags, acls, alerts, ...
 */
public record Configuration(
        List<NvSet> clusterProperties,
        List<Node> nodes,
        List<Resource> resources,
        List<Constraint> constraints,
        List<NvSet> rscDefaults,
        List<NvSet> opDefaults,
        List<XmlElement> extras) {
    public static final Configuration EMPTY =
            new Configuration(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

    public Configuration {
        clusterProperties = Copies.list(clusterProperties);
        nodes = Copies.list(nodes);
        resources = Copies.list(resources);
        constraints = Copies.list(constraints);
        rscDefaults = Copies.list(rscDefaults);
        opDefaults = Copies.list(opDefaults);
        extras = Copies.list(extras);
    }

    public Optional<Node> node(String uname) {
        return nodes.stream().filter(n -> uname.equals(n.uname())).findFirst();
    }

    /** The top-level resource with this id, or the primitive/group nested anywhere below one. */
    public Optional<Resource> resource(String id) {
        return Resources.flatten(resources).stream().filter(r -> id.equals(r.id())).findFirst();
    }

    public Optional<Constraint> constraint(String id) {
        return constraints.stream().filter(c -> id.equals(c.id())).findFirst();
    }

    /**
     * Whether fencing is on as the cluster properties set it without rules: {@code fencing-enabled}, else the older
     * {@code stonith-enabled}, on when neither is set (the scheduler reads the same with rules evaluated).
     */
    public boolean fencingEnabled() {
        return NvSets.firstValue(clusterProperties, "fencing-enabled")
                .or(() -> NvSets.firstValue(clusterProperties, "stonith-enabled")).map(Booleans::isTrue).orElse(true);
    }

    public Configuration withClusterProperties(List<NvSet> sets) {
        return new Configuration(sets, nodes, resources, constraints, rscDefaults, opDefaults, extras);
    }

    public Configuration withNodes(List<Node> list) {
        return new Configuration(clusterProperties, list, resources, constraints, rscDefaults, opDefaults, extras);
    }

    public Configuration withResources(List<Resource> list) {
        return new Configuration(clusterProperties, nodes, list, constraints, rscDefaults, opDefaults, extras);
    }

    public Configuration withConstraints(List<Constraint> list) {
        return new Configuration(clusterProperties, nodes, resources, list, rscDefaults, opDefaults, extras);
    }

    public Configuration withRscDefaults(List<NvSet> sets) {
        return new Configuration(clusterProperties, nodes, resources, constraints, sets, opDefaults, extras);
    }

    public Configuration withOpDefaults(List<NvSet> sets) {
        return new Configuration(clusterProperties, nodes, resources, constraints, rscDefaults, sets, extras);
    }

    public Configuration withExtras(List<XmlElement> list) {
        return new Configuration(clusterProperties, nodes, resources, constraints, rscDefaults, opDefaults, list);
    }

    /** A copy with the node named {@code uname} replaced by {@code change} applied to it. */
    public Configuration updateNode(String uname, UnaryOperator<Node> change) {
        List<Node> out = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            out.add(uname.equals(n.uname()) ? change.apply(n) : n);
        }
        return withNodes(out);
    }
}
