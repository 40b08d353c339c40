package org.vigil.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import java.util.Set;
import jdk.net.UnixDomainPrincipal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerPolicyTest {
    private final PeerPolicy withGroup = new PeerPolicy("hacluster", "haclient",
            g -> Map.of("haclient", Set.of("alice")).getOrDefault(g, Set.of()));
    private final PeerPolicy noGroup = new PeerPolicy("hacluster", null, g -> Set.of("alice"));

    private static UnixDomainPrincipal peer(String user, String group) {
        UserPrincipal u = () -> user;
        GroupPrincipal g = () -> group;
        return new UnixDomainPrincipal(u, g);
    }

    @Test
    void rootIsAlwaysAllowed() {
        assertTrue(noGroup.allows(peer("root", "root")));
        assertTrue(noGroup.allows(peer("0", "0")), "uid 0 without a name");
    }

    @Test
    void daemonsOwnUserIsAllowed() {
        assertTrue(noGroup.allows(peer("hacluster", "users")));
    }

    @Test
    void membersOfTheGroupAreAllowedByPrimaryGroupOrMemberList() {
        assertTrue(withGroup.allows(peer("bob", "haclient")), "primary group");
        assertTrue(withGroup.allows(peer("alice", "users")), "listed member");
    }

    @Test
    void everybodyElseIsDenied() {
        assertFalse(withGroup.allows(peer("mallory", "users")));
        assertFalse(noGroup.allows(peer("alice", "haclient")), "without a configured group the group counts not");
        assertFalse(noGroup.allows(peer("1000", "1000")));
    }

    @Test
    void groupMembersAreReadFromAnEtcGroupFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("group");
        Files.writeString(f, "root:x:0:\nhaclient:x:105:hacluster, alice\nempty:x:7:\n");
        assertEquals(Set.of("hacluster", "alice"), PeerPolicy.etcGroupMembers(f, "haclient"));
        assertEquals(Set.of(), PeerPolicy.etcGroupMembers(f, "empty"));
        assertEquals(Set.of(), PeerPolicy.etcGroupMembers(f, "missing"));
        assertEquals(Set.of(), PeerPolicy.etcGroupMembers(dir.resolve("nope"), "haclient"));
    }
}
