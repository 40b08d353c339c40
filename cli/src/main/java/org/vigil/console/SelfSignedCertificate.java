package org.vigil.console;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A self-signed X.509 v3 certificate (EC P-256, ECDSA with SHA-256) made in-process: the JDK signs but has no
 * public API to build certificates, so the few DER structures are written here (RFC 5280) rather than starting
 * keytool or adding a library for one certificate.
 */
final class SelfSignedCertificate {
    record Made(KeyPair keys, byte[] certificate) {}

    private static final byte[] ECDSA_SHA256 = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x04, 0x03, 0x02};
    private static final byte[] COMMON_NAME = {0x55, 0x04, 0x03};
    private static final byte[] SUBJECT_ALT_NAME = {0x55, 0x1d, 0x11};
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");

    private SelfSignedCertificate() {}

    /** @param from the start of validity (the certificate is valid ten years) */
    static Made make(String host, InetAddress address, ZonedDateTime from, SecureRandom random)
            throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), random);
        KeyPair keys = g.generateKeyPair();
        byte[] serial = new byte[16];
        random.nextBytes(serial);
        serial[0] &= 0x7f; // a positive number
        byte[] algorithm = seq(tlv(0x06, ECDSA_SHA256));
        byte[] name = seq(tlv(0x31, seq(tlv(0x06, COMMON_NAME), tlv(0x0c, host.getBytes(StandardCharsets.UTF_8)))));
        ZonedDateTime start = from.withZoneSameInstant(ZoneOffset.UTC).minusMinutes(5);
        byte[] validity = seq(time(start), time(start.plusYears(10)));
        byte[] altNames = seq(tlv(0x82, host.getBytes(StandardCharsets.US_ASCII)),
                tlv(0x82, "localhost".getBytes(StandardCharsets.US_ASCII)), tlv(0x87, address.getAddress()));
        byte[] extensions = tlv(0xa3, seq(seq(tlv(0x06, SUBJECT_ALT_NAME), tlv(0x04, altNames))));
        byte[] tbs = seq(tlv(0xa0, tlv(0x02, new byte[] {2})), tlv(0x02, new BigInteger(serial).toByteArray()), algorithm,
                name, validity, name, keys.getPublic().getEncoded(), extensions);
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(keys.getPrivate(), random);
        s.update(tbs);
        byte[] sig = s.sign();
        byte[] bits = new byte[sig.length + 1]; // no unused bits
        System.arraycopy(sig, 0, bits, 1, sig.length);
        return new Made(keys, seq(tbs, algorithm, tlv(0x03, bits)));
    }

    private static byte[] time(ZonedDateTime t) {
        // RFC 5280: UTCTime up to 2049, GeneralizedTime from 2050
        return t.getYear() < 2050 ? tlv(0x17, UTC_TIME.format(t).getBytes(StandardCharsets.US_ASCII))
                : tlv(0x18, DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").format(t).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] seq(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return tlv(0x30, b.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(tag);
        int n = value.length;
        if (n < 0x80) {
            b.write(n);
        } else if (n < 0x100) {
            b.write(0x81);
            b.write(n);
        } else {
            b.write(0x82);
            b.write(n >> 8);
            b.write(n & 0xff);
        }
        b.writeBytes(value);
        return b.toByteArray();
    }
}
