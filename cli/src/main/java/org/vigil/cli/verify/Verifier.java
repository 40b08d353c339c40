package org.vigil.cli.verify;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigil.cib.ChangeGate;
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

    /** The checks against this machine (installed agents), with the command's environment. */
    public static ConfigurationChecks machineChecks(org.vigil.cli.CliContext ctx) {
        return new ConfigurationChecks(ctx::env, org.vigil.agents.AgentRegistry::load);
    }

    /** Every finding with source lines when known, errors first. */
    public static List<Finding> verify(ParsedCib parsed, ConfigurationChecks machine) {
        List<Finding> out = new ArrayList<>();
        List<Finding> all = new ArrayList<>(all(parsed.cib(), parsed.idLines()));
        all.addAll(machine.check(parsed.cib()));
        for (Finding f : all) {
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

    /**
     * Errors and warnings about the configuration's structure (no smells). What Pacemaker's crm_verify rejects
     * is an error here, also where its scheduler tolerates it (see {@link org.vigil.cib.Finding#refusedInChanges}).
     */
    static List<Finding> structural(Cib cib, Map<String, Integer> lines) {
        List<String> ids = resourceIds(cib);
        List<Finding> out = new ArrayList<>();
        for (org.vigil.cib.Finding f : CibValidator.validate(cib, lines)) {
            out.add(new Finding(f.refusedInChanges() ? Finding.Severity.ERROR : Finding.Severity.WARNING,
                    f.objectId(), f.line(), withHint(f.message(), ids)));
        }
        return out;
    }

    private static List<String> resourceIds(Cib cib) {
        return Resources.flatten(cib.configuration().resources()).stream().map(Resource::id).toList();
    }

    /** A dangling reference gets a did-you-mean. */
    private static String withHint(String message, List<String> ids) {
        Matcher m = DANGLING.matcher(message);
        return m.find() ? message + Suggestions.hint(m.group(1), ids) : message;
    }

    /**
     * Refuses a change by {@link ChangeGate}'s rule, the DC's: what it introduces that is refused in changes
     * (problems already present do not block); prints, for a change it lets through, the warnings the change
     * introduces (an agent not installed here, a timeout Pacemaker would ignore).
     */
    public static ChangeValidator changeValidator(ConfigurationChecks machine, PrintWriter warnings) {
        return (before, after) -> {
            List<org.vigil.cib.Finding> refused = ChangeGate.introduced(before, after);
            if (!refused.isEmpty()) {
                List<String> ids = resourceIds(after);
                return List.of(ChangeGate.oneLine(refused.stream().map(f -> new org.vigil.cib.Finding(f.severity(),
                        f.objectId(), f.line(), withHint(f.message(), ids), true)).toList()));
            }
            Set<String> old = new HashSet<>();
            List<Finding> was = new ArrayList<>(structural(before, Map.of()));
            was.addAll(machine.check(before));
            for (Finding f : was) {
                old.add(f.format());
            }
            List<Finding> now = new ArrayList<>(structural(after, Map.of()));
            now.addAll(machine.check(after));
            for (Finding f : now) {
                if (f.severity() == Finding.Severity.WARNING && !old.contains(f.format())) {
                    warnings.println("WARNING: " + (f.objectId() == null ? "" : f.objectId() + ": ") + f.message());
                }
            }
            warnings.flush();
            return List.of();
        };
    }
}
