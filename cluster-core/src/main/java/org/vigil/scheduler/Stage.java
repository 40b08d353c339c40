package org.vigil.scheduler;

/** One step of the scheduling pipeline; stages run in a fixed order over one working set. */
public interface Stage {
    String name();

    void run(WorkingSet ws);
}
