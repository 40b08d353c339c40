package org.vigil.sim;

import java.util.ArrayList;
import java.util.List;
import org.vigil.cib.Cib;
import org.vigil.ipc.FenceOutcome;
import org.vigil.node.core.NodeProgram;

/**
 * One simulated server: its physical state, its agents, its disk, and the node program that runs on it
 * (the production {@link NodeProgram} with its LRM and controller) while it is up.
 */
final class SimNode {
    final String name;
    final SimAgentExecutor agents;
    final SteadyMonitors steady;
    SimNodeHealth health = SimNodeHealth.UP;
    long incarnation;
    NodeProgram program;
    /** What the node program stored: it survives crashes and reboots. */
    Cib diskCib;
    List<FenceOutcome> diskFencing = List.of();
    /** Messages that reached the node while it was hung, in arrival order: it reads them when it resumes. */
    final List<Runnable> held = new ArrayList<>();

    SimNode(String name, SimAgentExecutor agents, SteadyMonitors steady) {
        this.name = name;
        this.agents = agents;
        this.steady = steady;
    }
}
