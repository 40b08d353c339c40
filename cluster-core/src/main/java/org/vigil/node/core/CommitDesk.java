package org.vigil.node.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.cib.Cib;
import org.vigil.cib.CibDiff;
import org.vigil.cib.CibParseException;
import org.vigil.cib.ChangeGate;
import org.vigil.cib.CibVersion;
import org.vigil.cib.Finding;

/**
 * The DC's checks on a proposed CIB: made from a configuration that is still current (else CONFLICT),
 * introducing no problem {@link ChangeGate} refuses (else REJECTED, the rule offline crm applies); the
 * proposer's status edits (cleanup, transient attributes) are applied onto the status as it is now.
 * Remembers the DC's recent CIBs by version to find what a change was made from.
 */
final class CommitDesk {
    static final int RECENT_CIBS = 64;

    /** The CIB to install, or why not. */
    record Decision(Cib next, boolean configurationChanged, String refusal, String message) {}

    private final Map<CibVersion, Cib> recent = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<CibVersion, Cib> eldest) {
            return size() > RECENT_CIBS;
        }
    };

    void remember(Cib cib) {
        recent.put(cib.version(), cib);
    }

    void forget() {
        recent.clear();
    }

    Decision decide(Cib current, Cib proposed, CibVersion basedOn) {
        if (!configurationVersion(current.version()).equals(configurationVersion(basedOn))) {
            return refuse("CONFLICT", "the configuration changed meanwhile (now " + current.version()
                    + ", the change was made from " + basedOn + ")");
        }
        Cib base = recent.get(basedOn);
        if (base == null) {
            return refuse("CONFLICT", "the CIB the change was made from (" + basedOn + ") is too old; read it again");
        }
        Cib merged;
        try {
            Cib from = new Cib(base.attributes(), base.configuration(), base.status());
            Cib to = new Cib(base.attributes(), base.configuration(), proposed.status());
            merged = CibDiff.apply(current, CibDiff.between(from, to));
        } catch (CibParseException | RuntimeException e) {
            return refuse("CONFLICT",
                    "the status changed meanwhile in a way the change cannot be applied to: " + e.getMessage());
        }
        boolean configurationChanged = !proposed.configuration().equals(current.configuration());
        Cib next = merged.withConfiguration(proposed.configuration()).withVersion(configurationChanged
                ? current.version().nextEpoch() : current.version().nextUpdate());
        // the rule offline crm applies, on what would be installed
        List<Finding> refused = ChangeGate.introduced(current, next);
        if (!refused.isEmpty()) {
            return refuse("REJECTED", ChangeGate.oneLine(refused));
        }
        return new Decision(next, configurationChanged, null, null);
    }

    private static Decision refuse(String kind, String message) {
        return new Decision(null, false, kind, message);
    }

    static CibVersion configurationVersion(CibVersion v) {
        return new CibVersion(v.adminEpoch(), v.epoch(), 0);
    }

    /** Whether {@code a}'s configuration is at least as new as {@code b}'s (admin_epoch, epoch). */
    static boolean configurationAtLeast(CibVersion a, CibVersion b) {
        return configurationVersion(a).compareTo(configurationVersion(b)) >= 0;
    }
}
