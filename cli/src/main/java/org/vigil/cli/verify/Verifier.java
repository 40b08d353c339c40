package org.vigil.cli.verify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.vigil.cib.Cib;
import org.vigil.cib.ParsedCib;
import org.vigil.cli.store.ChangeValidator;

/** All checks of {@code crm verify}, and the gate every stored change passes. */
public final class Verifier {
    private Verifier() {}

    /** Structural errors and warnings, then expert smells, with source lines when known. */
    public static List<Finding> verify(ParsedCib parsed) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : all(parsed.cib())) {
            out.add(f.objectId() == null ? f : f.atLine(parsed.line(f.objectId()).orElse(0)));
        }
        out.sort(Comparator.comparing(Finding::severity));
        return out;
    }

    public static List<Finding> all(Cib cib) {
        List<Finding> out = new ArrayList<>(ConfigurationChecks.check(cib));
        out.addAll(ExpertChecks.check(cib));
        return out;
    }

    /** Refuses a change that introduces structural errors; errors already present before do not block. */
    public static ChangeValidator changeValidator() {
        return (before, after) -> {
            Set<String> old = new HashSet<>();
            for (Finding f : ConfigurationChecks.check(before)) {
                if (f.severity() == Finding.Severity.ERROR) {
                    old.add(f.format());
                }
            }
            List<String> out = new ArrayList<>();
            for (Finding f : ConfigurationChecks.check(after)) {
                if (f.severity() == Finding.Severity.ERROR && !old.contains(f.format())) {
                    out.add((f.objectId() == null ? "" : f.objectId() + ": ") + f.message());
                }
            }
            return out;
        };
    }
}
