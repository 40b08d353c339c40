package org.vigil.node.core;

import java.io.IOException;
import java.util.List;
import org.vigil.cib.Cib;
import org.vigil.ipc.FenceOutcome;

/**
 * What a node keeps across restarts: the CIB (written when its configuration moves) and the fencing
 * history. Writes are atomic; the simulator keeps both in memory per node (its "disk").
 */
public interface NodeStore {
    void saveCib(Cib cib) throws IOException;

    void saveFencing(List<FenceOutcome> history) throws IOException;

    /** For log lines: where it stores. */
    String where();
}
