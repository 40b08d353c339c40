package org.vigil.cli.verify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigil.cib.Cib;
import org.vigil.cib.CibValidator;
import org.vigil.cib.ParsedCib;
import org.vigil.cib.Resource;
import org.vigil.cib.Resources;
import org.vigil.cli.Suggestions;
import org.vigil.cli.store.ChangeValidator;

/**
 * All checks of {@code crm verify}: the core validator, the cli's extra structural checks, then expert
 * smells; and the gate every stored change passes.
 */
public final class Verifier {
    private static final Pattern DANGLING = Pattern.compile("refers to resource '([^']+)', which does not exist");

    private Verifier() {}

    /** Every finding with source lines when known, errors first. */
    public static List<Finding> verify(ParsedCib parsed) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : all(parsed.cib(), parsed.idLines())) {
            out.add(f.objectId() == null || f.line() > 0 ? f : f.atLine(parsed.line(f.objectId()).orElse(0)));
        }
        out.sort(Comparator.comparing(Finding::severity));
        return out;
    }

    public static List<Finding> all(Cib cib) {
        return all(cib, Map.of());
    }

    private static List<Finding> all(Cib cib, Map<String, Integer> lines) {
        List<Finding> out = new ArrayList<>(structural(cib, lines));
        out.addAll(ExpertChecks.check(cib));
        return out;
    }

    /** Errors and warnings about the configuration's structure (no smells). */
    static List<Finding> structural(Cib cib, Map<String, Integer> lines) {
        List<String> ids = Resources.flatten(cib.configuration().resources()).stream().map(Resource::id).toList();
        List<Finding> out = new ArrayList<>();
        for (org.vigil.cib.Finding f : CibValidator.validate(cib, lines)) {
            String message = f.message();
            Matcher m = DANGLING.matcher(message);
            if (m.find()) {
                message = message + Suggestions.hint(m.group(1), ids);
            }
            out.add(new Finding(f.isError() ? Finding.Severity.ERROR : Finding.Severity.WARNING, f.objectId(),
                    f.line(), message));
        }
        out.addAll(ConfigurationChecks.check(cib));
        return out;
    }

    /** Refuses a change that introduces structural errors; errors already present before do not block. */
    public static ChangeValidator changeValidator() {
        return (before, after) -> {
            Set<String> old = new HashSet<>();
            for (Finding f : structural(before, Map.of())) {
                if (f.severity() == Finding.Severity.ERROR) {
                    old.add(f.format());
                }
            }
            List<String> out = new ArrayList<>();
            for (Finding f : structural(after, Map.of())) {
                if (f.severity() == Finding.Severity.ERROR && !old.contains(f.format())) {
                    out.add((f.objectId() == null ? "" : f.objectId() + ": ") + f.message());
                }
            }
            return out;
        };
    }
}
