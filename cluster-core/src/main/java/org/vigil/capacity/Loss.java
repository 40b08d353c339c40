package org.vigil.capacity;

import java.util.List;

/**
 * What one failure costs one resource, with the scheduler's reasons.
 *
 * @param kind     what happens to it
 * @param resource the primitive, or the clone (and member) for clone instances
 * @param group    the group a primitive belongs to, or null
 * @param wasOn    where it ran (would run) before the failure
 * @param count    for clone instances, how many are lost; 1 for a primitive
 * @param reasons  why, in the scheduler's words (its explanations and transition summary)
 */
public record Loss(Kind kind, String resource, String group, List<String> wasOn, long count, List<String> reasons) {
    public enum Kind {
        /** It ran on a failed node and cannot start anywhere else. */
        NOT_RECOVERED,
        /** It runs on a surviving node and would be stopped there. */
        STOPPED,
        /** Instances of a clone on surviving nodes would stop. */
        INSTANCES_STOPPED,
        /** A promoted instance on a surviving node would be demoted or stopped. */
        DEMOTED,
        /** The promoted instance ran on a failed node and no other can be promoted. */
        NOT_PROMOTED
    }

    public Loss {
        wasOn = List.copyOf(wasOn);
        reasons = List.copyOf(reasons);
    }

    /** One line, e.g. {@code vm-big (was on node1) cannot be recovered}. */
    public String describe() {
        String where = String.join(", ", wasOn);
        String in = group == null ? "" : " [group " + group + "]";
        return switch (kind) {
            case NOT_RECOVERED -> resource + in + " (was on " + where + ") cannot be recovered";
            case STOPPED -> resource + in + " (on " + where + ") would stop";
            case INSTANCES_STOPPED -> resource + ": " + count + " instance" + (count == 1 ? "" : "s")
                    + " on surviving nodes would stop (ran on " + where + ")";
            case DEMOTED -> resource + ": " + count + " promoted instance" + (count == 1 ? "" : "s")
                    + " would be demoted or stopped (promoted on " + where + ")";
            case NOT_PROMOTED -> resource + ": " + count + " promoted instance" + (count == 1 ? "" : "s")
                    + " lost, no other instance can be promoted (was promoted on " + where + ")";
        };
    }
}
