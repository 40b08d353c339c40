package org.vigil.cli.compat;

import java.util.List;
import org.vigil.cib.Clone;
import org.vigil.cib.Configuration;
import org.vigil.cib.Group;
import org.vigil.cib.NvSet;
import org.vigil.cib.NvSets;
import org.vigil.cib.Primitive;
import org.vigil.cib.Resource;
import org.vigil.cib.Resources;

/** A configured resource's own meta attributes (not rsc_defaults), as find_resource_attr reads them. */
record ResourceMeta(Resource resource, List<NvSet> sets) {
    static ResourceMeta of(Configuration c, String id) {
        for (Resource r : Resources.flatten(c.resources())) {
            if (r.id().equals(id)) {
                return new ResourceMeta(r, meta(r));
            }
        }
        return new ResourceMeta(null, List.of());
    }

    static List<NvSet> meta(Resource r) {
        if (r instanceof Primitive p) {
            return p.metaAttributes();
        }
        if (r instanceof Group g) {
            return g.metaAttributes();
        }
        if (r instanceof Clone k) {
            return k.metaAttributes();
        }
        return List.of();
    }

    String own(String name) {
        return NvSets.firstValue(sets, name).orElse(null);
    }
}
