package org.vigil.console;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.vigil.metrics.PemTls;

/**
 * The console's TLS certificate: the configured PEM pair, or one generated at first start (a self-signed EC
 * P-256 certificate made by the JDK's own keytool, valid ten years, key file 0600) and kept for later starts.
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
        Path store = Files.createTempFile(dir, "console", ".p12");
        Files.delete(store); // keytool makes it
        byte[] pw = new byte[24];
        random.nextBytes(pw);
        String pass = Base64.getUrlEncoder().withoutPadding().encodeToString(pw);
        String host = node.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "console", "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-validity", "3650", "-dname", "CN=" + host + ", O=Vigil console", "-ext",
                "SAN=dns:" + host + ",dns:localhost,ip:" + address, "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass:env", "VIGIL_KS_PASS", "-keypass:env", "VIGIL_KS_PASS"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("VIGIL_KS_PASS", pass);
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("keytool could not make the console's certificate: " + out.strip());
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, pass.toCharArray());
            }
            PrivateKey k = (PrivateKey) ks.getKey("console", pass.toCharArray());
            Certificate c = ks.getCertificate("console");
            writePrivate(key, pem("PRIVATE KEY", k.getEncoded()));
            writePrivate(cert, pem("CERTIFICATE", c.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make the console's certificate: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the console's certificate");
        } finally {
            Files.deleteIfExists(store);
        }
    }

    private static String pem(String kind, byte[] der) {
        return "-----BEGIN " + kind + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + kind + "-----\n";
    }

    private static void writePrivate(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
