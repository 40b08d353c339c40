/** Membership and quorum: votequorum semantics over views, shared by the daemon and the simulator. */
package org.vigil.membership;
