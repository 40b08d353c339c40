package org.vigil.history;

import java.util.List;

/**
 * The cluster's transitions as one node gathered them from every member, oldest first.
 *
 * @param unanswered members that did not answer in time (their records are missing)
 * @param problems   records that could not be read, one line each
 */
public record HistoryListing(List<TransitionRecord> transitions, List<String> unanswered, List<String> problems) {
    public HistoryListing {
        transitions = List.copyOf(transitions);
        unanswered = List.copyOf(unanswered);
        problems = List.copyOf(problems);
    }
}
