package org.vigil.history;

import java.util.List;

/**
 * One transition a DC ran: what started it, the scheduler's input (stored beside it as
 * {@code pe-input-NUMBER.xml.gz}), its summary, every action with its result, and how it ended.
 *
 * @param dc            the node that was DC and keeps the record
 * @param number        the input's number on that node (pe-input-NUMBER)
 * @param transitionId  the controller's transition number in that DC term (as in its log lines)
 * @param startedMs     when the scheduler ran (epoch ms): also the replay's "now" (the input's execution-date)
 * @param finishedMs    when the transition ended, 0 while it runs
 * @param result        {@code running}, {@code complete} or {@code aborted: REASON}
 */
public record TransitionRecord(String dc, long number, int transitionId, String trigger, long startedMs,
        List<String> summary, List<ActionRecord> actions, long finishedMs, String result) {
    public TransitionRecord {
        summary = List.copyOf(summary);
        actions = List.copyOf(actions);
    }

    /**
     * One action of the graph.
     *
     * @param result {@code ok}, {@code failed}, or {@code not run} (the transition ended without it)
     * @param detail the result as the DC logged it ({@code rc=0}, {@code rc=1 (reason)}), or empty
     * @param atMs   when its result came in, 0 when none did
     */
    public record ActionRecord(int id, String key, String node, String task, String result, String detail,
            long atMs) {}

    TransitionRecord withAction(int id, String result, String detail, long atMs) {
        List<ActionRecord> out = new java.util.ArrayList<>();
        for (ActionRecord a : actions) {
            out.add(a.id() == id ? new ActionRecord(a.id(), a.key(), a.node(), a.task(), result, detail, atMs) : a);
        }
        return new TransitionRecord(dc, number, transitionId, trigger, startedMs, summary, out, finishedMs, this.result);
    }

    TransitionRecord finished(long atMs, String how) {
        List<ActionRecord> out = new java.util.ArrayList<>();
        for (ActionRecord a : actions) {
            out.add(a.result().equals("pending") ? new ActionRecord(a.id(), a.key(), a.node(), a.task(), "not run", "", 0)
                    : a);
        }
        return new TransitionRecord(dc, number, transitionId, trigger, startedMs, summary, out, atMs, how);
    }
}
