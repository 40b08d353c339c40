package org.vigil.cli.compat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.cli.CliException;

/**
 * What crm_resource's {@code --validate}/{@code --force-*} command line says besides the resource: the check level,
 * {@code NAME=VALUE} overrides, and an agent given with {@code --class/--agent/--provider/--option} (checked to
 * exist, as Pacemaker's validate_cmdline_config does).
 */
final class AgentCommandLine {
    private AgentCommandLine() {}

    /** {@code --validate=LEVEL}/{@code --force-check=LEVEL}: -1 when not given. */
    static int checkLevel(String level) {
        if (level == null || level.isEmpty()) {
            return -1;
        }
        try {
            return Math.max(Integer.parseInt(level.trim()), 0);
        } catch (NumberFormatException e) {
            throw new OptionError("Invalid check level setting: " + level);
        }
    }

    /** The positional {@code NAME=VALUE} arguments, read as Pacemaker's sscanf("%[^=]=%s") reads them. */
    static Map<String, String> overrides(List<String> remainder) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String r : remainder == null ? List.<String>of() : remainder) {
            int eq = r.indexOf('=');
            String v = eq < 0 ? "" : r.substring(eq + 1).split("\\s", 2)[0];
            if (eq <= 0 || v.isEmpty()) {
                throw new CliException("Error parsing '" + r + "' as a name=value pair", CrmResourceCommand.EX_USAGE);
            }
            overrides.put(r.substring(0, eq), v);
        }
        return overrides;
    }

    /** The request for an agent named on the command line (no resource): 20 s unless {@code -T}. */
    static AgentExecution.Request request(AgentExecution run, String standard, String provider, String type,
            List<String> options, String op, Map<String, String> overrides, Duration limit, int checkLevel,
            int verbosity) {
        boolean stonith = "stonith".equals(standard);
        if (stonith && provider != null) {
            throw new CliException("stonith does not support providers", CrmResourceCommand.EX_USAGE);
        }
        if (stonith ? !run.exists("stonith", null, type) : !run.exists(standard, provider, type)) {
            throw new CliException(stonith ? orEmpty(type) + " is not a known stonith agent"
                    : orEmpty(standard) + ":" + orEmpty(provider) + ":" + orEmpty(type) + " is not a known resource",
                    CrmResourceCommand.EX_USAGE);
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String o : options == null ? List.<String>of() : options) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new CliException("--option must be of the form NAME=VALUE", CrmResourceCommand.EX_USAGE);
            }
            params.put(o.substring(0, eq), o.substring(eq + 1));
        }
        return new AgentExecution.Request(standard, provider, type, null, op, params, Map.of(), overrides,
                limit != null ? limit : Duration.ofSeconds(20), checkLevel, verbosity);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
