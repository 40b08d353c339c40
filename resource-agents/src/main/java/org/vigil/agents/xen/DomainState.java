package org.vigil.agents.xen;

import java.util.Optional;

/**
 * A domain's state from the {@code State} column of {@code xl list} (and {@code virsh domstate}):
 * six flags {@code rbpscd} (running, blocked, paused, shutdown, crashed, dying), '-' when unset.
 */
enum DomainState {
    RUNNING, PAUSED, SHUTTING_DOWN, CRASHED, DYING;

    static DomainState fromXlFlags(String flags) {
        if (flags.indexOf('c') >= 0) {
            return CRASHED;
        }
        if (flags.indexOf('d') >= 0) {
            return DYING;
        }
        if (flags.indexOf('s') >= 0) {
            return SHUTTING_DOWN;
        }
        if (flags.indexOf('p') >= 0) {
            return PAUSED;
        }
        // "r", "b" and the all-dashes state of an idle vCPU all mean the guest is up
        return RUNNING;
    }

    /**
     * Parses {@code xl list NAME} output: a header line ({@code Name ID Mem VCPUs State Time(s)})
     * and one row per domain; the state is the fifth column.
     */
    static Optional<DomainState> fromXlList(String output, String domain) {
        for (String line : output.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 5 && f[0].equals(domain) && !f[0].equals("Name")) {
                return Optional.of(fromXlFlags(f[4]));
            }
        }
        return Optional.empty();
    }
}
