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
        return new ConfigurationChecks(ctx::env, org.vigil.agents.AgentRegistry.load());
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
        List<String> ids = Resources.flatten(cib.configuration().resources()).stream().map(Resource::id).toList();
        List<Finding> out = new ArrayList<>();
        for (org.vigil.cib.Finding f : CibValidator.validate(cib, lines)) {
            String message = f.message();
            Matcher m = DANGLING.matcher(message);
            if (m.find()) {
                message = message + Suggestions.hint(m.group(1), ids);
            }
            out.add(new Finding(f.refusedInChanges() ? Finding.Severity.ERROR : Finding.Severity.WARNING,
                    f.objectId(), f.line(), message));
        }
        return out;
    }

    /**
     * Refuses a change that introduces structural errors (errors already present before do not block) and
     * prints, for a change it lets through, the warnings the change introduces (an agent not installed here,
     * a timeout Pacemaker would ignore).
     */
    public static ChangeValidator changeValidator(ConfigurationChecks machine, PrintWriter warnings) {
        return (before, after) -> {
            Set<String> old = new HashSet<>();
            List<Finding> was = new ArrayList<>(structural(before, Map.of()));
            was.addAll(machine.check(before));
            for (Finding f : was) {
                old.add(f.format());
            }
            List<Finding> now = new ArrayList<>(structural(after, Map.of()));
            now.addAll(machine.check(after));
            List<String> out = new ArrayList<>();
            List<String> added = new ArrayList<>();
            for (Finding f : now) {
                if (old.contains(f.format())) {
                    continue;
                }
                String line = (f.objectId() == null ? "" : f.objectId() + ": ") + f.message();
                if (f.severity() == Finding.Severity.ERROR) {
                    out.add(line);
                } else if (f.severity() == Finding.Severity.WARNING) {
                    added.add("WARNING: " + line);
                }
            }
            if (out.isEmpty()) {
                added.forEach(warnings::println);
                warnings.flush();
            }
            return out.isEmpty() ? out : List.of(out.get(0) + (out.size() > 1 ? " (and " + (out.size() - 1)
                    + " more problem" + (out.size() > 2 ? "s" : "") + ")" : ""));
        };
    }
}
