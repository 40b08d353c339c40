package org.vigil.agents.ocf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vigil.agents.AgentAction;
import org.vigil.agents.AgentResult;
import org.vigil.agents.ExecStatus;
import org.vigil.agents.HostEnvironment;
import org.vigil.agents.OcfDurations;
import org.vigil.agents.OcfStatus;
import org.vigil.agents.process.ProcessResult;
import org.vigil.agents.process.ProcessRunner;
import org.vigil.agents.process.ProcessSpec;

/**
 * Runs an OCF script action ({@code script <action>}) with the OCF environment, the action
 * timeout (TERM to the agent's process group, then KILL) and bounded output, mapping its exit code.
 */
public final class OcfScriptRunner {
    private static final String EXIT_REASON_COOKIE = "ocf-exit-reason:";

    private final ProcessRunner runner;
    /** The shim directory per agent state directory: written once, not on every action. */
    private final java.util.Map<Path, Path> shims = new java.util.concurrent.ConcurrentHashMap<>();

    public OcfScriptRunner(ProcessRunner runner) {
        this.runner = runner;
    }

    private Path shims(Path stateDir) throws IOException {
        Path dir = shims.get(stateDir);
        // one stat per action instead of rewriting: the directory may have been emptied (tmpfiles, reboot)
        if (dir == null || !Files.isExecutable(dir.resolve("crm_attribute"))) {
            dir = AttributeShims.install(stateDir);
            shims.put(stateDir, dir);
        }
        return dir;
    }

    public AgentResult run(Path script, AgentAction action, HostEnvironment host) throws InterruptedException {
        if (!Files.isRegularFile(script)) {
            return AgentResult.execError(OcfStatus.ERR_INSTALLED, action.agent() + ": agent script " + script + " not found");
        }
        if (!Files.isExecutable(script)) {
            return AgentResult.execError(OcfStatus.ERR_INSTALLED, action.agent() + ": agent script " + script + " is not executable");
        }
        if (action.params().keySet().stream().anyMatch(k -> !OcfEnvironment.isValidName(k))) {
            return AgentResult.of(OcfStatus.ERR_CONFIGURED, "parameter names must be letters, digits, '_' or '-' (they become OCF_RESKEY_ variables): "
                    + action.params().keySet());
        }
        if (action.meta().keySet().stream().anyMatch(k -> !OcfEnvironment.isValidName(k))) {
            return AgentResult.of(OcfStatus.ERR_CONFIGURED, "meta attribute names must be letters, digits, '_' or '-' (they become OCF_RESKEY_CRM_meta_ variables): "
                    + action.meta().keySet());
        }
        try {
            Files.createDirectories(host.stateDir());
        } catch (IOException e) {
            return AgentResult.execError(OcfStatus.ERR_PERM, "cannot create agent state directory " + host.stateDir() + ": " + e.getMessage());
        }
        java.util.Map<String, String> env = OcfEnvironment.build(action, host);
        Path attrd;
        try {
            Path sbin = shims(host.stateDir());
            attrd = Files.createTempFile(host.stateDir(), ".attrd-", ".txt");
            env.put("VIGIL_REAL_SBIN", env.getOrDefault("HA_SBIN_DIR", "/usr/sbin"));
            env.put("HA_SBIN_DIR", sbin.toString());
            env.put("VIGIL_ATTRD_FILE", attrd.toString());
        } catch (IOException e) {
            return AgentResult.execError(OcfStatus.ERR_PERM, "cannot prepare crm_attribute for the agent in "
                    + host.stateDir() + ": " + e.getMessage());
        }
        ProcessSpec spec = ProcessSpec.of(List.of(script.toString(), action.action().ocfName()), env, action.timeout())
                .withLastLineKept(EXIT_REASON_COOKIE);
        ProcessResult r;
        List<org.vigil.agents.AttributeUpdate> updates;
        try {
            r = runner.run(spec);
            updates = AttributeShims.read(attrd);
        } catch (IOException e) {
            return AgentResult.execError(OcfStatus.ERR_INSTALLED, action.agent() + ": cannot execute " + script + ": " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(attrd);
            } catch (IOException e) {
                // a leftover temporary file in the agent state directory is harmless
            }
        }
        String output = r.combined();
        if (r.timedOut()) {
            return AgentResult.timedOut(action.agent() + " " + action.action().ocfName() + " of " + action.resourceInstance()
                    + " timed out after " + OcfDurations.format(action.timeout()), output);
        }
        OcfStatus status = OcfStatus.fromExitCode(r.exitCode());
        return new AgentResult(ExecStatus.DONE, status, r.exitCode(), exitReason(r.stderr()), output, updates);
    }

    /** The script's meta-data, or empty when it cannot be run or read (one log-worthy fact, not an error). */
    public java.util.Optional<org.vigil.agents.AgentMetadata> metadata(Path script, org.vigil.agents.AgentId id,
            HostEnvironment host, java.time.Duration timeout) throws InterruptedException {
        AgentAction ask = AgentAction.of(id, id.type(), org.vigil.agents.ActionName.META_DATA, java.util.Map.of(),
                timeout);
        try {
            ProcessResult r = runner.run(ProcessSpec.of(List.of(script.toString(), "meta-data"),
                    OcfEnvironment.build(ask, host), ask.timeout()).withOutputLimit(1 << 20));
            if (r.timedOut() || r.exitCode() != 0) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(org.vigil.agents.MetadataXml.parse(id.toString(), r.stdout()));
        } catch (IOException | org.vigil.agents.MetadataException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * ocf_exit_reason writes {@code ocf-exit-reason:<text>} to stderr; the last one wins, as in Pacemaker. The
     * text goes to logs, terminals and the CIB, so terminal escape sequences are removed and other control
     * characters shown as '?': an agent's output must not be able to rewrite an operator's screen.
     */
    static String exitReason(String stderr) {
        String reason = "";
        for (String line : stderr.split("\n")) {
            int i = line.indexOf(EXIT_REASON_COOKIE);
            if (i >= 0) {
                reason = line.substring(i + EXIT_REASON_COOKIE.length());
            }
        }
        return neutralised(reason).strip();
    }

    private static final java.util.regex.Pattern ESCAPES = java.util.regex.Pattern.compile(
            "\u001B(\\[[0-?]*[ -/]*[@-~]|\\][^\u0007\u001B]*(\u0007|\u001B\\\\)?|[@-Z\\\\-_])"
                    + "|\u009B[0-?]*[ -/]*[@-~]");

    /** Escape sequences (CSI, OSC, two-byte) removed; every other control character, C1 included, as '?'. */
    static String neutralised(String text) {
        String s = ESCAPES.matcher(text).replaceAll("");
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(c == '\t' ? ' ' : c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0 ? '?' : c);
        }
        return out.toString();
    }
}
