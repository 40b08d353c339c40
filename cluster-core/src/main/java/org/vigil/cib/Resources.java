package org.vigil.cib;

import java.util.ArrayList;
import java.util.List;

/** Walking the resource tree. */
public final class Resources {
    private Resources() {}

    /** Every resource in document order, parents before their children. */
    public static List<Resource> flatten(List<Resource> top) {
        List<Resource> out = new ArrayList<>();
        for (Resource r : top) {
            collect(r, out);
        }
        return out;
    }

    private static void collect(Resource r, List<Resource> out) {
        out.add(r);
        if (r instanceof Group g) {
            g.children().forEach(c -> collect(c, out));
        } else if (r instanceof Clone c && c.child() != null) {
            collect(c.child(), out);
        }
    }

    /** Every primitive in document order (templates excluded). */
    public static List<Primitive> primitives(List<Resource> top) {
        return flatten(top).stream().filter(Primitive.class::isInstance).map(Primitive.class::cast).toList();
    }
}
