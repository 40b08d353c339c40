package org.vigil.node.core;

import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the fence devices from this node against another node. {@code done} is called on the node's event
 * loop. The daemon binds it to its {@code FencingDaemon}, the simulator to its simulated power switch.
 */
public interface NodeFencer {
    /** How one fencing went: the devices that ran and, when it failed, why. */
    record Result(boolean ok, List<String> devices, String failure) {
        public Result {
            devices = List.copyOf(devices);
            failure = failure == null ? "" : failure;
        }
    }

    void fence(String target, String action, String requester, Consumer<Result> done);
}
