package org.vigil.agents;

import java.nio.file.Path;
import org.vigil.agents.fence.FenceAgent;

/** Where an agent id resolved to (DESIGN.md §5 lookup). */
public sealed interface ResolvedAgent {
    AgentId id();

    /** A native Java resource agent. */
    record Native(ResourceAgent agent) implements ResolvedAgent {
        @Override
        public AgentId id() {
            return agent.id();
        }

        @Override
        public String describe() {
            return "native agent " + agent.getClass().getName();
        }
    }

    /** An OCF script under {@code $OCF_ROOT/resource.d/<provider>/<type>}. */
    record OcfScript(AgentId id, Path script) implements ResolvedAgent {
        @Override
        public String describe() {
            return "OCF script " + script;
        }
    }

    /** A native Java fence agent. */
    record NativeFence(FenceAgent agent) implements ResolvedAgent {
        @Override
        public AgentId id() {
            return agent.id();
        }

        @Override
        public String describe() {
            return "native fence agent " + agent.getClass().getName();
        }
    }

    /** A fence-agents script such as {@code /usr/sbin/fence_dummy}. */
    record FenceScript(AgentId id, Path script) implements ResolvedAgent {
        @Override
        public String describe() {
            return "fence-agents script " + script;
        }
    }

    /** Human description for {@code crm ra info}: what will run. */
    String describe();
}
