package org.vigil.node.core;

import org.vigil.cib.Cib;

/**
 * How a configuration or status commit ended: {@code committed} on success (acknowledged), else
 * {@code refusal} names why (CONFLICT, NO_QUORUM, NO_DC, REJECTED) and {@code message} says it in words.
 */
public record CommitOutcome(Cib committed, String refusal, String message) {
    public static CommitOutcome ok(Cib committed) {
        return new CommitOutcome(committed, null, null);
    }

    public static CommitOutcome refused(String kind, String message) {
        return new CommitOutcome(null, kind, message);
    }

    public boolean acknowledged() {
        return refusal == null;
    }
}
