package org.vigil.sim;

import org.vigil.controller.Controller;
import org.vigil.controller.LocalResourceManager;

/** One simulated server: its physical state, its agents, its LRM and its controller. */
final class SimNode {
    final String name;
    final SimAgentExecutor agents;
    final SteadyMonitors steady;
    SimNodeHealth health = SimNodeHealth.UP;
    long incarnation;
    LocalResourceManager lrm;
    Controller controller;
    boolean shuttingDown;
    /** This node's copy of the CIB, as the DC of its partition last replicated it. */
    org.vigil.cib.Cib replica;
    /** As DC, its CIB at the end of the last event (null when not an active DC then): what it broadcasts. */
    org.vigil.cib.Cib settled;
    /** The CIB this node last broadcast as DC. */
    org.vigil.cib.Cib lastReplicated;

    SimNode(String name, SimAgentExecutor agents, SteadyMonitors steady) {
        this.name = name;
        this.agents = agents;
        this.steady = steady;
    }
}
