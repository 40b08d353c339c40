package org.vigil.ipc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import jdk.net.UnixDomainPrincipal;

/**
 * Who may talk to vigild: root, the daemon's own user, and members of the configured group (by the peer's
 * primary group as the kernel reports it, or by the group's member list). The identity comes from the
 * kernel (SO_PEERCRED), not from anything the client says.
 *
 * @param daemonUser   the user the daemon runs as
 * @param group        the group allowed in besides root and the daemon's user; null for none
 * @param groupMembers the names listed as members of a group (supplementary groups, as in /etc/group)
 */
public record PeerPolicy(String daemonUser, String group, Function<String, Set<String>> groupMembers) {
    /** The daemon's own user, with members of {@code group} read from /etc/group. */
    public static PeerPolicy forThisProcess(String group) {
        return new PeerPolicy(System.getProperty("user.name"), group, g -> etcGroupMembers(Path.of("/etc/group"), g));
    }

    public boolean allows(UnixDomainPrincipal peer) {
        return allows(peer.user().getName(), peer.group().getName());
    }

    /**
     * @param user         the peer's user name (the JDK gives the uid as a number when it has no name)
     * @param primaryGroup the peer's primary group name (or number)
     */
    public boolean allows(String user, String primaryGroup) {
        if ("root".equals(user) || "0".equals(user) || user.equals(daemonUser)) {
            return true;
        }
        if (group == null) {
            return false;
        }
        return group.equals(primaryGroup) || groupMembers.apply(group).contains(user);
    }

    static String describe(UnixDomainPrincipal peer) {
        return "user " + peer.user().getName() + " (group " + peer.group().getName() + ")";
    }

    /** Members listed for {@code group} in an /etc/group-format file; empty when it or the group is missing. */
    static Set<String> etcGroupMembers(Path file, String group) {
        try {
            for (String line : Files.readAllLines(file)) {
                String[] f = line.split(":", -1);
                if (f.length >= 4 && f[0].equals(group)) {
                    return f[3].isBlank() ? Set.of() : Set.copyOf(List.of(f[3].trim().split("\\s*,\\s*")));
                }
            }
        } catch (IOException e) {
            return Set.of();
        }
        return Set.of();
    }
}
