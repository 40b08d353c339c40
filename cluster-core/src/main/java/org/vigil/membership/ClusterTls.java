package org.vigil.membership;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.NamedParameterSpec;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.jgroups.util.DefaultSocketFactory;
import org.jgroups.util.SocketFactory;

/**
 * Mutual TLS 1.3 keyed by the cluster key. Every node derives the same Ed25519 key pair and self-signed
 * certificate from the key (HMAC-SHA256 of the key and the cluster name gives the private key); each side
 * presents that certificate and trusts nothing else. A node without the key cannot complete a handshake,
 * so it never gets a single message through the transport.
 */
public final class ClusterTls {
    private static final String PROTOCOL = "TLSv1.3";

    private ClusterTls() {}

    /** The transport's sockets: TLS 1.3 both ways, client certificates required. */
    public static SocketFactory socketFactory(byte[] clusterKey, String clusterName) throws GeneralSecurityException {
        return new TlsSockets(context(clusterKey, clusterName));
    }

    /**
     * JGroups' socket factory for TLS, plus the server side of a handshake over a socket accepted in plain
     * TCP: the accept loop then never does TLS work (nor waits in an SSLSocket's close), and a refused
     * connection can be reset at once.
     */
    static final class TlsSockets extends DefaultSocketFactory {
        private final SSLContext ctx;

        TlsSockets(SSLContext ctx) {
            super(ctx.getSocketFactory(), ctx.getServerSocketFactory());
            this.ctx = ctx;
            setServerSocketConfigurator((ServerSocket s) -> {
                SSLServerSocket ss = (SSLServerSocket) s;
                ss.setEnabledProtocols(new String[] {PROTOCOL});
                ss.setNeedClientAuth(true);
            });
            setSocketConfigurator((Socket s) -> {
                if (s instanceof SSLSocket ssl) {
                    ssl.setEnabledProtocols(new String[] {PROTOCOL});
                }
            });
        }

        /** The server end of TLS over an accepted TCP socket; closing it closes the socket. */
        SSLSocket acceptSide(Socket accepted) throws java.io.IOException {
            SSLSocket ssl = (SSLSocket) ctx.getSocketFactory().createSocket(accepted, null, true);
            ssl.setUseClientMode(false);
            ssl.setEnabledProtocols(new String[] {PROTOCOL});
            ssl.setNeedClientAuth(true);
            return ssl;
        }
    }

    /**
     * TLS 1.3 for the remote executor protocol (vigild remote, docs/vigild.md "Remote nodes"): the same scheme as
     * the rings (both sides present one certificate derived from the key and trust nothing else), with an
     * identity of its own that does not depend on the cluster name, which a remote node does not know. A ring
     * peer's certificate is not accepted by a remote node, nor the other way round.
     */
    public static SSLContext remoteExecutorContext(byte[] clusterKey) throws GeneralSecurityException {
        KeyPair pair = derivedPair(clusterKey, "vigil-remote-identity-v1");
        return context(pair, selfSigned(pair, "vigil-remote-executor"));
    }

    static KeyPair keyPair(byte[] clusterKey, String clusterName) throws GeneralSecurityException {
        return derivedPair(clusterKey, "vigil-tls-identity-v1:" + clusterName);
    }

    private static KeyPair derivedPair(byte[] clusterKey, String label) throws GeneralSecurityException {
        byte[] seed = hmac(clusterKey, label);
        KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
        g.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
        return g.generateKeyPair();
    }

    static X509Certificate certificate(KeyPair pair, String clusterName) throws GeneralSecurityException {
        return selfSigned(pair, "vigil-cluster-" + clusterName);
    }

    static SSLContext context(byte[] clusterKey, String clusterName) throws GeneralSecurityException {
        KeyPair pair = keyPair(clusterKey, clusterName);
        return context(pair, certificate(pair, clusterName));
    }

    private static SSLContext context(KeyPair pair, X509Certificate cert) throws GeneralSecurityException {
        char[] password = new char[0];
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try {
            keys.load(null, password);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        keys.setKeyEntry("node", pair.getPrivate(), password, new X509Certificate[] {cert});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try {
            trust.load(null, password);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        trust.setCertificateEntry("cluster", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance(PROTOCOL);
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
        return ctx;
    }

    private static byte[] hmac(byte[] key, String label) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
    }

    /** The JDK has no public API to make a certificate, so the DER is written here (RFC 5280, minimal v3). */
    static X509Certificate selfSigned(KeyPair pair, String commonName) throws GeneralSecurityException {
        byte[] ed25519 = Der.seq(Der.oid(new byte[] {0x2b, 0x65, 0x70}));
        byte[] name = Der.seq(Der.set(Der.seq(Der.oid(new byte[] {0x55, 0x04, 0x03}),
                Der.tlv(0x0c, commonName.getBytes(StandardCharsets.UTF_8)))));
        byte[] validity = Der.seq(Der.tlv(0x17, "000101000000Z".getBytes(StandardCharsets.US_ASCII)),
                Der.tlv(0x18, "99991231235959Z".getBytes(StandardCharsets.US_ASCII)));
        byte[] tbs = Der.seq(Der.tlv(0xa0, Der.tlv(0x02, new byte[] {2})), Der.tlv(0x02, new byte[] {1}), ed25519, name,
                validity, name, pair.getPublic().getEncoded());
        Signature sig = Signature.getInstance("Ed25519");
        sig.initSign(pair.getPrivate());
        sig.update(tbs);
        byte[] signature = sig.sign();
        byte[] bits = new byte[signature.length + 1];
        System.arraycopy(signature, 0, bits, 1, signature.length);
        byte[] der = Der.seq(tbs, ed25519, Der.tlv(0x03, bits));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    /** Just enough DER. */
    private static final class Der {
        static byte[] tlv(int tag, byte[] value) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(tag);
            int n = value.length;
            if (n < 0x80) {
                out.write(n);
            } else if (n < 0x100) {
                out.write(0x81);
                out.write(n);
            } else {
                out.write(0x82);
                out.write(n >> 8);
                out.write(n & 0xff);
            }
            out.writeBytes(value);
            return out.toByteArray();
        }

        static byte[] seq(byte[]... parts) {
            return tlv(0x30, concat(parts));
        }

        static byte[] set(byte[]... parts) {
            return tlv(0x31, concat(parts));
        }

        static byte[] oid(byte[] encoded) {
            return tlv(0x06, encoded);
        }

        private static byte[] concat(byte[]... parts) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] p : parts) {
                out.writeBytes(p);
            }
            return out.toByteArray();
        }
    }

    /** Hands the key generator the derived private key instead of random bytes. */
    private static final class FixedBytes extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] bytes;

        FixedBytes(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            if (out.length != bytes.length) {
                throw new IllegalStateException("expected a request for " + bytes.length + " bytes, got " + out.length);
            }
            System.arraycopy(bytes, 0, out, 0, out.length);
        }
    }
}
