package org.vigil.membership;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.jgroups.util.SocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ClusterTlsTest {
    private static byte[] key(long seed) {
        byte[] k = new byte[256];
        new java.util.Random(seed).nextBytes(k);
        return k;
    }

    private static java.security.cert.X509Certificate cert(byte[] key, String cluster) throws Exception {
        return ClusterTls.certificate(ClusterTls.keyPair(key, cluster), cluster);
    }

    @Test
    void sameKeyAndClusterGiveTheSameCertificateOnEveryNode() throws Exception {
        assertArrayEquals(cert(key(1), "c").getEncoded(), cert(key(1), "c").getEncoded());
        assertNotEquals(cert(key(1), "c").getPublicKey(), cert(key(2), "c").getPublicKey());
        assertNotEquals(cert(key(1), "c").getPublicKey(), cert(key(1), "other").getPublicKey());
    }

    @Test
    void derivedCertificateIsAValidSelfSignedEd25519Certificate() throws Exception {
        var c = cert(key(3), "xencluster");
        c.checkValidity();
        c.verify(c.getPublicKey());
        assertEquals("CN=vigil-cluster-xencluster", c.getSubjectX500Principal().getName());
        assertEquals("Ed25519", c.getSigAlgName());
    }

    @Test
    void serverSocketsDemandClientCertificatesAndTls13Only() throws Exception {
        SocketFactory f = ClusterTls.socketFactory(key(4), "c");
        try (var s = (javax.net.ssl.SSLServerSocket) f.createServerSocket("test", 0)) {
            assertEquals(true, s.getNeedClientAuth());
            assertArrayEquals(new String[] {"TLSv1.3"}, s.getEnabledProtocols());
        }
    }

    @Test
    void membersWithTheKeyFormAClusterAndANodeWithoutItCannotJoin() throws Exception {
        try (LocalCluster c = new LocalCluster(List.of("a", "b", "c", "d"))) {
            SocketFactory good = ClusterTls.socketFactory(key(7), c.clusterName);
            c.start("a", good);
            c.start("b", ClusterTls.socketFactory(key(7), c.clusterName));
            for (String n : List.of("a", "b")) {
                c.await(n, LocalCluster.settled("a", "a", "b"), "a and b over TLS");
            }
            c.start("c", ClusterTls.socketFactory(key(8), c.clusterName));
            c.start("d");
            c.await("c", LocalCluster.settled("c", "c"), "c (wrong key) alone");
            c.await("d", LocalCluster.settled("d", "d"), "d (no TLS) alone");
            // give merging every chance: two merge rounds
            Thread.sleep(4_500);
            assertEquals(List.of("a", "b"), c.node("a").current().members());
            assertEquals(List.of("c"), c.node("c").current().members());
            assertEquals(List.of("d"), c.node("d").current().members());
        }
    }
}
