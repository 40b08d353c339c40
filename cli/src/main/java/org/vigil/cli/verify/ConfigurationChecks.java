package org.vigil.cli.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.vigil.cib.Cib;
import org.vigil.cib.Op;
import org.vigil.cib.Primitive;
import org.vigil.cib.Resource;
import org.vigil.cib.ResourceTemplate;
import org.vigil.cib.Resources;
import org.vigil.cli.Suggestions;

/**
 * Checks the core validator ({@link org.vigil.cib.CibValidator}) leaves out and Pacemaker's schema or
 * scheduler would refuse: unknown agent classes, intervals and timeouts that are not times.
 */
public final class ConfigurationChecks {
    static final List<String> CLASSES = List.of("ocf", "stonith", "lsb", "systemd", "service", "upstart",
            "nagios", "heartbeat");
    /** Pacemaker's interval/timeout syntax: a number with an optional unit, or an ISO 8601 duration. */
    private static final Pattern TIME = Pattern.compile(
            "(?i)\\s*[0-9]+\\s*(ms|msec|us|usec|s|sec|m|min|h|hr)?\\s*|P(?!$)([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?"
                    + "(T(?=[0-9])([0-9]+H)?([0-9]+M)?([0-9]+S)?)?");

    private ConfigurationChecks() {}

    public static List<Finding> check(Cib cib) {
        List<Finding> out = new ArrayList<>();
        for (Resource r : Resources.flatten(cib.configuration().resources())) {
            if (r instanceof Primitive p) {
                primitive(p, out);
            } else if (r instanceof ResourceTemplate t) {
                primitive(t.definition(), out);
            }
        }
        return out;
    }

    private static void primitive(Primitive p, List<Finding> out) {
        if (p.template() == null) {
            if (p.resourceClass() != null && !CLASSES.contains(p.resourceClass())) {
                out.add(Finding.error(p.id(), "unknown resource class '" + p.resourceClass() + "'"
                        + Suggestions.hint(p.resourceClass(), CLASSES)));
            }
        }
        for (Op o : p.operations().ops()) {
            if (o.name() == null) {
                continue; // the core validator reports it
            }
            if (o.interval() == null) {
                out.add(Finding.error(p.id(), "op " + o.name() + " has no interval"));
            } else if (!TIME.matcher(o.interval()).matches()) {
                out.add(Finding.error(p.id(), "op " + o.name() + ": interval '" + o.interval()
                        + "' is not a time (e.g. 30s, 10, 5min, PT1M)"));
            }
            String timeout = o.attribute("timeout");
            if (timeout != null && !TIME.matcher(timeout).matches()) {
                out.add(Finding.error(p.id(), "op " + o.name() + ": timeout '" + timeout
                        + "' is not a time (e.g. 90s, 240, 10min)"));
            }
        }
    }
}
