package org.vigil.membership;

import java.util.Collection;
import org.jgroups.Address;
import org.jgroups.protocols.DISCARD;
import org.jgroups.stack.ProtocolStack;

/** Fault injection into a real membership's channel, for tests in other packages (the daemon's). */
public final class Faults {
    private Faults() {}

    /** From now on {@code m} drops everything from the given members (one direction: call it on both sides). */
    public static void ignore(JGroupsMembership m, Collection<JGroupsMembership> others) throws Exception {
        DISCARD d = discard(m);
        for (JGroupsMembership o : others) {
            Address a = o.channel().getAddress();
            d.addIgnoreMember(a);
        }
    }

    /** Heals what {@link #ignore} did. */
    public static void heal(JGroupsMembership m) throws Exception {
        discard(m).resetIgnoredMembers();
    }

    private static DISCARD discard(JGroupsMembership m) throws Exception {
        ProtocolStack stack = m.channel().getProtocolStack();
        DISCARD d = stack.findProtocol(DISCARD.class);
        if (d == null) {
            d = new DISCARD();
            d.setAddress(m.channel().getAddress());
            stack.insertProtocol(d, ProtocolStack.Position.ABOVE, RingTransport.class);
            d.start();
        }
        return d;
    }
}
