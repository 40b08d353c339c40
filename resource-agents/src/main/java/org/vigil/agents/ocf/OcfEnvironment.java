package org.vigil.agents.ocf;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.vigil.agents.AgentAction;
import org.vigil.agents.HostEnvironment;

/** Builds the environment an OCF agent expects (DESIGN.md §5), as Pacemaker's executor does. */
public final class OcfEnvironment {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private OcfEnvironment() {}

    static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }

    public static Map<String, String> build(AgentAction action, HostEnvironment host) {
        Map<String, String> env = new HashMap<>(host.env());
        // a stale value from the caller's shell must not leak into the agent
        env.keySet().removeIf(k -> k.startsWith("OCF_"));
        String root = host.ocfRoot().toString();
        env.put("OCF_ROOT", root);
        env.put("OCF_FUNCTIONS_DIR", root + "/lib/heartbeat");
        env.put("OCF_RA_VERSION_MAJOR", "1");
        env.put("OCF_RA_VERSION_MINOR", "1");
        env.put("OCF_RESOURCE_INSTANCE", action.resourceInstance());
        env.put("OCF_RESOURCE_TYPE", action.agent().type());
        env.put("OCF_RESOURCE_PROVIDER", action.agent().provider());
        env.put("HA_RSCTMP", host.stateDir().toString());
        env.putIfAbsent("HA_LOGFACILITY", "none");
        env.putIfAbsent("HA_debug", "0");
        action.params().forEach((k, v) -> env.put("OCF_RESKEY_" + k, v));
        action.meta().forEach((k, v) -> env.put("OCF_RESKEY_CRM_meta_" + k.replace('-', '_'), v));
        env.put("OCF_RESKEY_CRM_meta_timeout", Long.toString(action.timeout().toMillis()));
        // Pacemaker always passes the interval; agents such as Stateful test it arithmetically
        env.putIfAbsent("OCF_RESKEY_CRM_meta_interval", "0");
        env.putIfAbsent("OCF_RESKEY_CRM_meta_on_node", host.localNode());
        if (action.depth() > 0) {
            env.put("OCF_CHECK_LEVEL", Integer.toString(action.depth()));
            env.put("OCF_RESKEY_OCF_CHECK_LEVEL", Integer.toString(action.depth()));
        }
        return env;
    }
}
