package org.vigil.console;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import org.vigil.metrics.PasswordFile;
import org.vigil.metrics.PemTls;

/**
 * The console's TLS certificate: the configured PEM pair, or one generated at first start (a self-signed EC
 * P-256 certificate, valid ten years, naming the node, localhost and the address; key file 0600) and kept for later
 * starts.
 * Its SHA-256 fingerprint is logged so a browser's warning can be checked against it.
 */
final class ConsoleCertificate {
    record Loaded(SSLContext context, String fingerprint, boolean generated) {}

    private ConsoleCertificate() {}

    static Loaded load(Path cert, Path key, Path generatedDir, String node, String address, SecureRandom random)
            throws IOException {
        boolean generated = false;
        if (cert == null) {
            cert = generatedDir.resolve("console-cert.pem");
            key = generatedDir.resolve("console-key.pem");
            if (!Files.exists(cert) || !Files.exists(key)) {
                generate(generatedDir, cert, key, node, address, random);
                generated = true;
            }
        }
        return new Loaded(PemTls.serverContext(cert, key), fingerprint(cert), generated);
    }

    static String fingerprint(Path certFile) throws IOException {
        try (InputStream in = Files.newInputStream(certFile)) {
            Certificate c = CertificateFactory.getInstance("X.509").generateCertificate(in);
            byte[] d = MessageDigest.getInstance("SHA-256").digest(c.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
        } catch (GeneralSecurityException e) {
            throw new IOException(certFile + ": " + e.getMessage());
        }
    }

    private static void generate(Path dir, Path cert, Path key, String node, String address, SecureRandom random)
            throws IOException {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        String host = node.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        try {
            SelfSignedCertificate.Made made = SelfSignedCertificate.make(host, InetAddress.getByName(address),
                    ZonedDateTime.now(ZoneOffset.UTC), random);
            writePrivate(key, pem("PRIVATE KEY", made.keys().getPrivate().getEncoded()));
            writePrivate(cert, pem("CERTIFICATE", made.certificate()));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make the console's certificate: " + e.getMessage());
        }
    }

    private static String pem(String kind, byte[] der) {
        return "-----BEGIN " + kind + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + kind + "-----\n";
    }

    private static void writePrivate(Path file, String pem) throws IOException {
        PasswordFile.writePrivate(file, List.of(pem.strip()));
    }
}
